using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Persistence;

/// <summary>Brings the database (the tables of every module, and the job storage's) to the current schema.</summary>
public sealed class CartDatabaseInitializer(
    CartDbContext db,
    IOptions<DatabaseOptions> options,
    ILogger<CartDatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(db.Database.GetConnectionString());
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer commits; the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await JobStorageSchema.InstallAsync(db, options.Value.Provider, cancellationToken);
        var applied = pending.Count;
        logger.LogInformation("Database schema is current ({Applied} migrations applied)", applied);
    }

    private static void EnsureSqliteFolder(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
