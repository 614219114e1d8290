using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Cart.Domain.Carts;

namespace Cart.Web.Carts;

/// <summary>The cart document of API.md, returned by every cart endpoint that succeeds.</summary>
public sealed record CartDocument(
    string? CartId,
    CartOwnerDocument Owner,
    string? Currency,
    long Version,
    [property: MaxLength(CartLimits.MaxLines)] IReadOnlyList<CartItemDocument> Items,
    int TotalItems,
    decimal Subtotal,
    DateTimeOffset? UpdatedAt)
{
    [JsonIgnore]
    public string ETag => CartVersionHeaders.TagOf(Version);
}

public sealed record CartOwnerDocument([property: AllowedValues("user", "guest")] string Kind, string Id);

public sealed record CartItemDocument(
    string Sku,
    string? Name,
    string? ImageUrl,
    [property: MaxLength(CartLimits.MaxVariantEntries)] IReadOnlyDictionary<string, string> Variant,
    [property: Range(CartLimits.MinQuantity, CartLimits.MaxQuantity)] int Quantity,
    decimal UnitPrice,
    decimal? CurrentUnitPrice,
    bool PriceChanged,
    decimal LineTotal,
    HoldDocument Hold,
    DateTimeOffset AddedAt,
    DateTimeOffset UpdatedAt);

/// <summary><c>held</c> until <c>expiresAt</c>, <c>expired</c>, or <c>none</c> (stock not tracked for the SKU).</summary>
public sealed record HoldDocument(
    [property: AllowedValues("held", "expired", "none")] string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Quantity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null)
{
    public static readonly HoldDocument None = new("none");
}
