using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Web.Catalog;

/// <summary>Pages through the public catalog, optionally filtered by a search term on name or SKU.</summary>
internal sealed class ListProducts(CartDbContext db, IStockHolds stock, TimeProvider clock)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
    public const int MaxSearchLength = 100;
    public const int MaxPage = 100_000;

    public async Task<ProductPage> HandleAsync(string? search, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        IQueryable<Product> query = db.Products.AsNoTracking();
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
            .Skip((number - 1) * size)
            .Take(size)
            .Select(p => new ProductInfo(p.Sku, p.Name, p.ImageUrl, p.Price, p.Currency, p.Active))
            .ToListAsync(cancellationToken);
        var free = await stock.FreeAsync(items.Select(p => p.Sku).ToList(), clock.GetUtcNow(), cancellationToken);
        return new ProductPage(items.Select(p => ProductDocument.From(p, free)).ToList(), number, size, total);
    }
}
