using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Demo;

/// <summary>
/// When <see cref="DatabaseOptions.SeedDemoCatalog"/> is on (Development only) and the catalog is empty, seeds the
/// demo catalog (<see cref="DemoCatalog"/>) and its stock. Like the rest of the demo, it writes the Catalog's and the
/// Inventory's tables itself: the one documented exception to "a module's tables are its own".
/// </summary>
public sealed class DemoCatalogSeeder(
    CartDbContext db,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    ILogger<DemoCatalogSeeder> logger)
{
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
}
