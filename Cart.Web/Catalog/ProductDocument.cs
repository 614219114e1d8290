using System.ComponentModel.DataAnnotations;
using Cart.Domain.Catalog;
using Cart.Web.Platform.Json;

namespace Cart.Web.Catalog;

/// <summary>
/// A product as the public catalog shows it; <c>available</c> is the stock free now (lapsed holds do not count), null
/// when the SKU's stock is not tracked.
/// </summary>
public sealed record ProductDocument(
    string Sku,
    string Name,
    string? ImageUrl,
    decimal Price,
    string Currency,
    bool Active,
    [property: Range(0, int.MaxValue)] int? Available)
{
    public static ProductDocument From(ProductInfo product, IReadOnlyDictionary<string, int> free) =>
        new(product.Sku, product.Name, product.ImageUrl, Money.Normalize(product.Price), product.Currency,
            product.Active, free.TryGetValue(product.Sku, out var available) ? available : null);
}

public sealed record ProductPage(
    [property: MaxLength(ListProducts.MaxPageSize)] IReadOnlyList<ProductDocument> Items,
    [property: Range(1, ListProducts.MaxPage)] int Page,
    [property: Range(1, ListProducts.MaxPageSize)] int PageSize,
    [property: Range(0, int.MaxValue)] int TotalCount);
