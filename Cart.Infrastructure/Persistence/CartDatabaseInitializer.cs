using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Persistence;

/// <summary>Brings the database to the current schema and, when it is empty, seeds the demo catalog and its stock.</summary>
public sealed class CartDatabaseInitializer(
    CartDbContext db,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
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

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoCatalog)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (!await db.Products().AnyAsync(cancellationToken))
        {
            db.Products().AddRange(DemoCatalog.Products(now));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded the demo catalog with {Count} products", await db.Products().CountAsync(cancellationToken));
        }

        // A demo database made before stock was tracked gets its stock too.
        if (!await db.Stock().AnyAsync(cancellationToken))
        {
            var demoSkus = await db.Products().Select(p => p.Sku).ToListAsync(cancellationToken);
            var known = demoSkus.ToHashSet(StringComparer.Ordinal);
            db.Stock().AddRange(DemoCatalog.Stock(now).Where(s => known.Contains(s.Sku)));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded demo stock for {Count} products", await db.Stock().CountAsync(cancellationToken));
        }

        db.ChangeTracker.Clear();
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
