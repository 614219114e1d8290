using System.Data.Common;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace Cart.Tests.Inventory;

/// <summary>
/// The reservation is one conditional UPDATE on every provider: the check (enough free) and the change (reserve) in
/// the same statement, so no other writer can come between them. The SQL each provider runs is written to the test
/// output; SQL Server, which cannot run here, is shown the statement EF Core would send, its execution suppressed.
/// </summary>
public sealed class ReserveStatementTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TryReserve_OnARealDatabase_IsOneConditionalUpdateThatRefusesWhatIsNotFree(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = new CartAppFactory(database);
        var sku = await host.NewStockedProductAsync(3);
        var statements = new StatementLog();
        await using var db = Context(provider, database.ConnectionString, statements);

        var first = await StockRows.TryReserveAsync(db, sku, 2, CancellationToken.None);
        var second = await StockRows.TryReserveAsync(db, sku, 2, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal((3, 2), await host.StockOfAsync(sku));
        AssertOneConditionalUpdate(provider, statements);
    }

    [Fact]
    public async Task TryReserve_OnSqlServer_IsOneConditionalUpdate()
    {
        var statements = new StatementLog { Suppress = true };
        await using var db = Context(DatabaseProvider.SqlServer,
            "Server=sql.invalid;Database=cart;User Id=cart;Password=x;TrustServerCertificate=true", statements);

        Assert.True(await StockRows.TryReserveAsync(db, "SG-0001", 2, CancellationToken.None));

        AssertOneConditionalUpdate(DatabaseProvider.SqlServer, statements);
    }

    private void AssertOneConditionalUpdate(DatabaseProvider provider, StatementLog statements)
    {
        var sql = Assert.Single(statements.Texts.Distinct());
        output.WriteLine($"{provider}:\n{sql}\n");
        Assert.StartsWith("UPDATE", sql.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("reserved", sql, StringComparison.Ordinal);
        Assert.Matches(@"on_hand\]? - \[?\w*\]?\.?\[?reserved\]? >= ", sql.Replace("\"", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain("SELECT", sql, StringComparison.OrdinalIgnoreCase);
    }

    private static CartDbContext Context(DatabaseProvider provider, string connectionString, StatementLog log) =>
        provider switch
        {
            DatabaseProvider.Sqlite => new SqliteCartDbContext(Options<SqliteCartDbContext>(provider, connectionString, log)),
            DatabaseProvider.PostgreSql => new PostgreSqlCartDbContext(
                Options<PostgreSqlCartDbContext>(provider, connectionString, log)),
            _ => new SqlServerCartDbContext(Options<SqlServerCartDbContext>(provider, connectionString, log)),
        };

    private static DbContextOptions<T> Options<T>(DatabaseProvider provider, string connectionString, StatementLog log)
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        CartDbContextOptions.Configure(builder, provider, connectionString);
        builder.AddInterceptors(log);
        return builder.Options;
    }

    /// <summary>Every command EF Core sends; with <see cref="Suppress"/>, none reaches a server (and none is opened).</summary>
    private sealed class StatementLog : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Texts { get; } = [];

        public bool Suppress { get; init; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(Suppress ? InterceptionResult<int>.SuppressWithResult(1) : result);
        }

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection,
            ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Suppress ? InterceptionResult.Suppress() : result);
    }
}
