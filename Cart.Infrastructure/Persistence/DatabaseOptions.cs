using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "Data Source=data/cart.db";

    /// <summary>
    /// Apply pending migrations at start. On by default for SQLite (the zero-setup default); for the servers, run
    /// <c>dotnet Cart.Web.dll migrate</c> once per release instead of racing from every instance.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>
    /// Seed the demo catalog (SEA products in six currencies, with stock) into an empty products table. Development
    /// only (on in appsettings.Development.json); refused at start in any other environment.
    /// </summary>
    public bool SeedDemoCatalog { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;
}
