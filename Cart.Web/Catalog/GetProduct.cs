using Cart.Domain.Catalog;
using Cart.Domain.Common;

namespace Cart.Web.Catalog;

internal sealed class GetProduct(IProductCatalog catalog)
{
    public async Task<ProductDocument> HandleAsync(string sku, CancellationToken cancellationToken)
    {
        var products = await catalog.FindAsync([sku], cancellationToken);
        var product = products.GetValueOrDefault(sku)
                      ?? throw new DomainException(CatalogErrors.ProductNotFound(sku));
        return ProductDocument.From(product);
    }
}
