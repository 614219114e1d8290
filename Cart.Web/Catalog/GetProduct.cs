using Cart.Domain.Catalog;
using Cart.Domain.Common;
using Cart.Domain.Inventory;

namespace Cart.Web.Catalog;

internal sealed class GetProduct(IProductCatalog catalog, IStockHolds stock, TimeProvider clock)
{
    public async Task<ProductDocument> HandleAsync(string sku, CancellationToken cancellationToken)
    {
        var products = await catalog.FindAsync([sku], cancellationToken);
        var product = products.GetValueOrDefault(sku)
                      ?? throw new DomainException(CatalogErrors.ProductNotFound(sku));
        var free = await stock.FreeAsync([sku], clock.GetUtcNow(), cancellationToken);
        return ProductDocument.From(product, free);
    }
}
