using Cart.Domain.Catalog;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Demo;

/// <summary>A product the demo shoppers put in carts; <see cref="Holdable"/> when its stock is tracked and plentiful.</summary>
internal sealed record DemoProduct(ProductInfo Info, bool Holdable);

internal static class DemoProducts
{
    /// <summary>Stock a SKU needs for demo carts to hold it: the few-unit SKUs (every 7th of the demo catalog) are
    /// left to the README's walk-through, which counts their units.</summary>
    private const int PlentifulStock = 50;

    /// <summary>The active products by currency, ordered by SKU (so a seeded Random picks the same ones each time).</summary>
    public static async Task<Dictionary<string, List<DemoProduct>>> ByCurrencyAsync(CartDbContext db,
        CancellationToken cancellationToken)
    {
        var products = await db.Products().AsNoTracking().Where(p => p.Active).OrderBy(p => p.Sku)
            .ToListAsync(cancellationToken);
        var stock = await db.Stock().AsNoTracking().ToDictionaryAsync(s => s.Sku, s => s.OnHand - s.Reserved,
            StringComparer.Ordinal, cancellationToken);
        return products
            .Where(p => !stock.TryGetValue(p.Sku, out var free) || free >= PlentifulStock)
            .GroupBy(p => p.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key,
                g => g.Select(p => new DemoProduct(new ProductInfo(p.Sku, p.Name, p.ImageUrl, p.Price, p.Currency, true),
                    stock.ContainsKey(p.Sku))).ToList(), StringComparer.Ordinal);
    }
}
