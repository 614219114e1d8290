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

/// <summary>
/// <c>held</c>: <c>quantity</c> units are reserved until <c>expiresAt</c> (fewer than the line's quantity when a cap
/// applies); <c>expired</c>: nothing is reserved now (the hold lapsed, or no stock was free for it); <c>none</c>: the
/// SKU's stock is not tracked.
/// </summary>
public sealed record HoldDocument(
    [property: AllowedValues("held", "expired", "none")] string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Range(0, CartLimits.MaxQuantity)] int? Quantity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null)
{
    public static readonly HoldDocument None = new("none");

    public static HoldDocument Of(int? heldQuantity, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        heldQuantity switch
        {
            null => None,
            > 0 when expiresAt > now => new("held", heldQuantity, expiresAt),
            _ => new("expired", 0, expiresAt),
        };
}
