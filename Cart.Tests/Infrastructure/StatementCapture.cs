using System.Data.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cart.Tests.Infrastructure;

/// <summary>
/// The statements EF Core sends, recorded. <see cref="OfflineContext"/> also keeps them from being sent: the connection
/// is never opened and every non-query "affects" no row, so the SQL of a provider with no server here (SQL Server) is
/// still translated and can be checked.
/// </summary>
internal sealed class StatementCapture : DbCommandInterceptor
{
    private readonly bool _suppress;

    private StatementCapture(bool suppress) => _suppress = suppress;

    public List<string> Statements { get; } = [];

    public static (CartDbContext Db, StatementCapture Capture) OnlineContext(DatabaseProvider provider,
        string connectionString) => Build(provider, connectionString, suppress: false);

    public static (CartDbContext Db, StatementCapture Capture) OfflineContext(DatabaseProvider provider) =>
        Build(provider, MigrationScripts.DummyConnectionString(provider), suppress: true);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Statements.Add(command.CommandText);
        return ValueTask.FromResult(_suppress ? InterceptionResult<int>.SuppressWithResult(0) : result);
    }

    private static (CartDbContext, StatementCapture) Build(DatabaseProvider provider, string connectionString,
        bool suppress)
    {
        var capture = new StatementCapture(suppress);
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(
            typeof(DbContextOptionsBuilder<>).MakeGenericType(CartDbContextOptions.ContextType(provider)))!;
        CartDbContextOptions.Configure(builder, provider, connectionString).AddInterceptors(capture);
        if (suppress)
        {
            builder.AddInterceptors(new NeverOpen());
        }

        var db = (CartDbContext)Activator.CreateInstance(CartDbContextOptions.ContextType(provider), builder.Options)!;
        return (db, capture);
    }

    private sealed class NeverOpen : DbConnectionInterceptor
    {
        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection,
            ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }
}
