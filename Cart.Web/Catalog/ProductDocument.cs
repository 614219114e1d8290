using System.ComponentModel.DataAnnotations;
using Cart.Domain.Catalog;
using Cart.Web.Platform.Json;

namespace Cart.Web.Catalog;

/// <summary>A product as the public catalog shows it; <c>available</c> is null while stock is not tracked.</summary>
public sealed record ProductDocument(
    string Sku,
    string Name,
    string? ImageUrl,
    decimal Price,
    string Currency,
    bool Active,
    int? Available)
{
    public static ProductDocument From(ProductInfo product) =>
        new(product.Sku, product.Name, product.ImageUrl, Money.Normalize(product.Price), product.Currency,
            product.Active, null);
}

public sealed record ProductPage(
    [property: MaxLength(ListProducts.MaxPageSize)] IReadOnlyList<ProductDocument> Items,
    [property: Range(1, ListProducts.MaxPage)] int Page,
    [property: Range(1, ListProducts.MaxPageSize)] int PageSize,
    [property: Range(0, int.MaxValue)] int TotalCount);
