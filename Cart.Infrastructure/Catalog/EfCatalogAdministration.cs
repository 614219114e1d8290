using Cart.Domain.Catalog;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Cart.Infrastructure.Catalog;

/// <summary>
/// The console's reads and changes of the catalog. A price change is one conditional update (the price the
/// merchandiser saw, or nothing), committed before the cached product is dropped: FusionCache removes it from this
/// instance's memory and from Redis, and its backplane tells every other instance to drop its memory copy, all before
/// the call returns (background operations are off), so every cart's next read loads the new price.
/// </summary>
internal sealed class EfCatalogAdministration(CartDbContext db, IFusionCache cache) : ICatalogAdministration
{
    public async Task<(IReadOnlyList<ProductInfo> Items, int Total)> PageAsync(string? search, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.Products().AsNoTracking();
        if (ProductSearch.Term(search) is { } term)
        {
            query = query.Where(ProductSearch.Matching<Product>(term, p => p.Sku, p => p.Name));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(p => p.Sku)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(p => new ProductInfo(p.Sku, p.Name, p.ImageUrl, p.Price, p.Currency, p.Active))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<PriceChange> ChangePriceAsync(string sku, decimal expectedPrice, decimal price,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        var changed = await db.Products()
            .Where(p => p.Sku == sku && p.Price == expectedPrice)
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Price, price)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken) == 1;
        var current = await db.Products().AsNoTracking().Where(p => p.Sku == sku)
            .Select(p => new { p.Price, p.Currency })
            .SingleOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return new PriceChange(PriceChangeOutcome.NotFound, null, null);
        }

        if (!changed)
        {
            return new PriceChange(PriceChangeOutcome.Conflict, current.Price, current.Currency);
        }

        await cache.RemoveAsync(ProductCacheKeys.For(sku), token: cancellationToken);
        return new PriceChange(PriceChangeOutcome.Changed, current.Price, current.Currency);
    }
}
