using Cart.Domain.Catalog;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Catalog;

internal sealed class EfProductCatalog(CartDbContext db) : IProductCatalog
{
    public async Task<IReadOnlyDictionary<string, ProductInfo>> FindAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return new Dictionary<string, ProductInfo>();
        }

        var products = await db.Products.AsNoTracking()
            .Where(p => skus.Contains(p.Sku))
            .Select(p => new ProductInfo(p.Sku, p.Name, p.ImageUrl, p.Price, p.Currency, p.Active))
            .ToListAsync(cancellationToken);
        return products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
    }

    public Task<IReadOnlyDictionary<string, ProductInfo>> FindOnPrimaryAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken) => FindAsync(skus, cancellationToken);
}
