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

    /// <summary>One page of the catalog in SKU order, optionally only the products <paramref name="search"/> matches
    /// (<see cref="ProductSearch"/>).</summary>
    public async Task<(IReadOnlyList<ProductInfo> Items, int Total)> PageAsync(string? search, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        IQueryable<Product> query = db.Products().AsNoTracking();
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
}
