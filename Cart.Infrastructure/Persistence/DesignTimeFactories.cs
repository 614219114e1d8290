using Microsoft.EntityFrameworkCore.Design;

namespace Cart.Infrastructure.Persistence;

// Used by `dotnet ef` only. The connection strings matter for `database update`, not for `migrations add`.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCartDbContext>
{
    public SqliteCartDbContext CreateDbContext(string[] args) =>
        (SqliteCartDbContext)CartDbContextOptions.Create(DatabaseProvider.Sqlite, "Data Source=design.db");
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCartDbContext>
{
    public PostgreSqlCartDbContext CreateDbContext(string[] args) =>
        (PostgreSqlCartDbContext)CartDbContextOptions.Create(DatabaseProvider.PostgreSql,
            "Host=127.0.0.1;Database=cart;Username=cart");
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCartDbContext>
{
    public SqlServerCartDbContext CreateDbContext(string[] args) =>
        (SqlServerCartDbContext)CartDbContextOptions.Create(DatabaseProvider.SqlServer,
            "Server=localhost;Database=Cart;Integrated Security=true;TrustServerCertificate=true");
}
