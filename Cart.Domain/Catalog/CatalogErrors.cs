using Cart.Domain.Common;

namespace Cart.Domain.Catalog;

public static class CatalogErrors
{
    public static DomainError UnknownSku(string sku) =>
        new(ErrorCodes.UnknownSku, $"No product has SKU '{sku}'.", "sku");

    public static DomainError ProductUnavailable(string sku) =>
        new(ErrorCodes.ProductUnavailable, $"The product '{sku}' is not for sale at the moment.", "sku");

    public static DomainError ProductNotFound(string sku) =>
        new(ErrorCodes.ProductNotFound, $"No product has SKU '{sku}'.");
}
