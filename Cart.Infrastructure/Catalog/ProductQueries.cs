using Cart.Domain.Catalog;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Catalog;

/// <summary>The Catalog module's reads of its table, uncached (<see cref="CachedProductCatalog"/> sits in front).</summary>
public sealed class ProductQueries(CartDbContext db)
{
    public async Task<IReadOnlyDictionary<string, ProductInfo>> FindAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return new Dictionary<string, ProductInfo>();
        }

        var products = await db.Products().AsNoTracking()
            .Where(p => skus.Contains(p.Sku))
            .Select(p => new ProductInfo(p.Sku, p.Name, p.ImageUrl, p.Price, p.Currency, p.Active))
            .ToListAsync(cancellationToken);
        return products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
    }

    /// <summary>One page of the catalog in SKU order, optionally only products whose name or SKU contains <paramref name="search"/>.</summary>
    public async Task<(IReadOnlyList<ProductInfo> Items, int Total)> PageAsync(string? search, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        IQueryable<Product> query = db.Products().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            // ToLower() translates to SQL on every provider; a StringComparison overload would not.
#pragma warning disable CA1862
            query = query.Where(p => p.Name.ToLower().Contains(term) || p.Sku.ToLower().Contains(term));
#pragma warning restore CA1862
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
}
