using System.Text.RegularExpressions;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cart.Tests.Infrastructure;

/// <summary>
/// The idempotent migration scripts a DBA runs for the database servers, generated through EF Core's own API (no
/// server needed), and the committed copies of them under deploy/sql/.
/// </summary>
internal static class MigrationScripts
{
    /// <summary>Connection strings that are never opened: building a model or a script needs no server.</summary>
    public static string DummyConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=:memory:",
        DatabaseProvider.PostgreSql => "Host=127.0.0.1;Port=1;Database=cart_never_opened;Username=nobody",
        DatabaseProvider.SqlServer => "Server=127.0.0.1,1;Database=CartNeverOpened;TrustServerCertificate=true",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static CartDbContext CreateContext(DatabaseProvider provider) =>
        CartDbContextOptions.Create(provider, DummyConnectionString(provider));

    public static string Generate(DatabaseProvider provider)
    {
        using var db = CreateContext(provider);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    public static IReadOnlyList<string> MigrationIds(DatabaseProvider provider)
    {
        using var db = CreateContext(provider);
        return db.Database.GetMigrations().ToList();
    }

    public static string CommittedFile(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => "deploy/sql/sqlserver-migrations.sql",
        DatabaseProvider.PostgreSql => "deploy/sql/postgresql-migrations.sql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Only the servers get a script."),
    };

    /// <summary>The command that rewrites the committed file; `dotnet ef` writes the same text as the API.</summary>
    public static string RegenerateCommand(DatabaseProvider provider) =>
        "dotnet tool restore && dotnet ef migrations script --idempotent --project Cart.Infrastructure " +
        $"--startup-project Cart.Infrastructure --context {CartDbContextOptions.ContextType(provider).Name} " +
        $"-o {CommittedFile(provider)}";

    /// <summary>
    /// Makes two scripts comparable whatever wrote them: `dotnet ef` puts a UTF-8 byte order mark in front, and a
    /// checkout on Windows may turn line ends into CRLF.
    /// </summary>
    public static string Normalise(string script) =>
        script.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n');
}

/// <summary>How one server's script spells what the tests look for.</summary>
internal sealed record ScriptDialect(
    DatabaseProvider Provider,
    Func<string, string> Name,
    string MoneyType,
    Regex HistoryTable,
    Regex Guard)
{
    private const RegexOptions Options = RegexOptions.Singleline | RegexOptions.CultureInvariant;

    public static ScriptDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => new(provider, name => $@"\[{name}\]", @"decimal\(19,4\)",
            new Regex(@"IF OBJECT_ID\(N'\[__EFMigrationsHistory\]'\) IS NULL\s*BEGIN\s*CREATE TABLE \[__EFMigrationsHistory\].*?\nEND;", Options),
            new Regex(@"IF NOT EXISTS \(\s*SELECT \* FROM \[__EFMigrationsHistory\]\s*WHERE \[\w+\] = N'(?<id>[^']+)'\s*\)\s*BEGIN(?<body>.*?)\nEND;", Options)),
        DatabaseProvider.PostgreSql => new(provider, name => $"\"?{name}\"?", @"numeric\(19,4\)",
            new Regex(@"CREATE TABLE IF NOT EXISTS ""__EFMigrationsHistory"" \(.*?\n\);", Options),
            new Regex(@"IF NOT EXISTS\s*\(\s*SELECT 1 FROM ""__EFMigrationsHistory"" WHERE ""\w+"" = '(?<id>[^']+)'\s*\) THEN(?<body>.*?)\n\s*END IF;", Options)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Only the servers get a script."),
    };

    /// <summary>The column list and constraints of one CREATE TABLE statement.</summary>
    public string TableBody(string script, string table)
    {
        var match = Regex.Match(script, $@"CREATE TABLE {Name(table)} \((?<body>.*?)\n\s*\);", Options);
        Assert.True(match.Success, $"The script creates no table {table}.");
        return match.Groups["body"].Value;
    }
}
