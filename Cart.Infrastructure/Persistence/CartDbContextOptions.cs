using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cart.Infrastructure.Persistence;

/// <summary>How each provider is configured; shared by the running service and the design-time factories.</summary>
public static class CartDbContextOptions
{
    public static Type ContextType(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => typeof(SqliteCartDbContext),
        DatabaseProvider.PostgreSql => typeof(PostgreSqlCartDbContext),
        DatabaseProvider.SqlServer => typeof(SqlServerCartDbContext),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider,
        string connectionString)
    {
        var migrationsAssembly = typeof(CartDbContext).Assembly.GetName().Name;
        _ = provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString,
                o => o.MigrationsAssembly(migrationsAssembly)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(PostgreSqlConnections.WithoutGssFallback(connectionString),
                o => o.MigrationsAssembly(migrationsAssembly)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString,
                o => o.MigrationsAssembly(migrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
        // Lost races (a concurrency token or the active-owner index) are expected and retried by the caller, and real
        // failures are logged where they are handled: EF's own error logs would only repeat them, as noise.
        builder.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)));
        return builder.UseSnakeCaseNamingConvention();
    }

    /// <summary>Builds a context outside dependency injection (design time, the migrate command, tests).</summary>
    public static CartDbContext Create(DatabaseProvider provider, string connectionString)
    {
        return provider switch
        {
            DatabaseProvider.Sqlite => new SqliteCartDbContext(Build<SqliteCartDbContext>(provider, connectionString)),
            DatabaseProvider.PostgreSql => new PostgreSqlCartDbContext(
                Build<PostgreSqlCartDbContext>(provider, connectionString)),
            DatabaseProvider.SqlServer => new SqlServerCartDbContext(
                Build<SqlServerCartDbContext>(provider, connectionString)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    private static DbContextOptions<T> Build<T>(DatabaseProvider provider, string connectionString)
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }
}
