using Cart.Infrastructure.Persistence;
using Cart.Tests.Architecture;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Infrastructure;

/// <summary>
/// The committed migrations of each provider against the model, and the SQL Server / PostgreSQL idempotent scripts
/// (generated here through EF Core's API, no server needed) against what the schema must hold and against the copies
/// committed under deploy/sql/. Applying the migrations to real databases: <see cref="MigratedDatabaseTests"/>.
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Migrations_WhenComparedWithModel_HaveNoPendingChanges(DatabaseProvider provider)
    {
        using var db = MigrationScripts.CreateContext(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration holds. Add one from the repository root with: " +
            $"dotnet ef migrations add <Name> --project Cart.Infrastructure --startup-project Cart.Infrastructure " +
            $"--context {CartDbContextOptions.ContextType(provider).Name} " +
            $"--output-dir Persistence/Migrations/{provider}");
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void IdempotentScript_WhenGenerated_CreatesTheFourTables(DatabaseProvider provider)
    {
        var dialect = ScriptDialect.For(provider);

        var script = MigrationScripts.Generate(provider);

        foreach (var table in new[] { "carts", "cart_items", "products", "idempotency_records" })
        {
            Assert.Matches($@"CREATE TABLE {dialect.Name(table)} \(", script);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void IdempotentScript_WhenGenerated_KeysCartItemsByCartAndSku(DatabaseProvider provider)
    {
        var dialect = ScriptDialect.For(provider);

        var cartItems = dialect.TableBody(MigrationScripts.Generate(provider), "cart_items");

        var n = dialect.Name;
        Assert.Matches($@"CONSTRAINT {n(@"\w+")} PRIMARY KEY \({n("cart_id")}, {n("sku")}\)", cartItems);
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void IdempotentScript_WhenGenerated_HasUniqueActiveOwnerIndexFilteredOnStatus(DatabaseProvider provider)
    {
        var n = ScriptDialect.For(provider).Name;

        var script = MigrationScripts.Generate(provider);

        // The filter is raw SQL from HasFilter, so `status` is not quoted; SQL Server runs a filtered index through
        // EXEC(N'...'), which doubles the quotes around 'active'.
        Assert.Matches(
            $@"CREATE UNIQUE INDEX {n("ux_carts_active_owner")} ON {n("carts")} \({n("owner_kind")}, {n("owner_id")}\) " +
            @"WHERE \(?status = ('active'|''active'')\)?[;']",
            script);
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void IdempotentScript_WhenGenerated_IndexesCartsUpdatedAt(DatabaseProvider provider)
    {
        var n = ScriptDialect.For(provider).Name;

        var script = MigrationScripts.Generate(provider);

        Assert.Matches($@"CREATE INDEX {n(@"\w+")} ON {n("carts")} \({n("updated_at")}\)", script);
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void IdempotentScript_WhenGenerated_StoresMoneyAsDecimal19Scale4(DatabaseProvider provider)
    {
        var dialect = ScriptDialect.For(provider);
        var script = MigrationScripts.Generate(provider);

        var products = dialect.TableBody(script, "products");
        var cartItems = dialect.TableBody(script, "cart_items");

        Assert.Matches($"{dialect.Name("price")} {dialect.MoneyType} NOT NULL", products);
        Assert.Matches($"{dialect.Name("unit_price")} {dialect.MoneyType} NOT NULL", cartItems);
        Assert.DoesNotMatch(@"\b(decimal|numeric)\b(?!\(19,4\))", script);
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void IdempotentScript_WhenGenerated_GuardsEveryStatementWithTheHistoryTable(DatabaseProvider provider)
    {
        var dialect = ScriptDialect.For(provider);
        var migrations = MigrationScripts.MigrationIds(provider);

        var script = MigrationScripts.Generate(provider);

        Assert.Matches(dialect.HistoryTable, script);
        var guarded = dialect.Guard.Matches(script);
        Assert.NotEmpty(guarded);
        Assert.All(guarded, g => Assert.Contains(g.Groups["id"].Value, migrations));
        foreach (var id in migrations)
        {
            Assert.Contains(guarded, g => g.Groups["id"].Value == id
                                          && g.Groups["body"].Value.Contains("INSERT INTO", StringComparison.Ordinal)
                                          && g.Groups["body"].Value.Contains($"'{id}'", StringComparison.Ordinal));
        }

        // Once the guarded blocks and the guarded history table are taken out, no statement may be left over:
        // anything left would run again on a database that already has the migration.
        var unguarded = dialect.Guard.Replace(dialect.HistoryTable.Replace(script, string.Empty), string.Empty);
        Assert.DoesNotMatch(@"\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|EXEC|RENAME)\b", unguarded);
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void CommittedScript_WhenRegenerated_IsUnchanged(DatabaseProvider provider)
    {
        var file = MigrationScripts.CommittedFile(provider);
        var path = SourceTree.PathOf(file);
        var howToRegenerate = $"Regenerate it from the repository root with:\n  {MigrationScripts.RegenerateCommand(provider)}\n" +
                              "then review the diff and commit it with the migration.";
        Assert.True(File.Exists(path), $"{file} is missing. {howToRegenerate}");

        var committed = MigrationScripts.Normalise(File.ReadAllText(path));
        var generated = MigrationScripts.Normalise(MigrationScripts.Generate(provider));

        Assert.True(committed == generated,
            $"{file} is not the script the current {provider} migrations generate " +
            $"({FirstDifference(committed, generated)}). {howToRegenerate}");
    }

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
            {
                return $"first difference at line {i + 1}: committed \"{left.Trim()}\", generated \"{right.Trim()}\"";
            }
        }

        return "they differ only in whitespace";
    }
}
