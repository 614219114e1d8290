using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Catalog;

namespace Cart.Web.Catalog;

/// <summary>Pages through the public catalog, optionally filtered by a search term on name or SKU.</summary>
internal sealed class ListProducts(ProductQueries products, IStockHolds stock, TimeProvider clock)
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
        var (items, total) = await products.PageAsync(search, number, size, cancellationToken);
        var free = await stock.FreeAsync(items.Select(p => p.Sku).ToList(), clock.GetUtcNow(), cancellationToken);
        return new ProductPage(items.Select(p => ProductDocument.From(p, free)).ToList(), number, size, total);
    }
}
