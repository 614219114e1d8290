using System.Text.Json.Serialization;

namespace Cart.Web.Carts;

/// <summary>The cart document of API.md, returned by every cart endpoint that succeeds.</summary>
public sealed record CartDocument(
    string? CartId,
    CartOwnerDocument Owner,
    string? Currency,
    long Version,
    IReadOnlyList<CartItemDocument> Items,
    int TotalItems,
    decimal Subtotal,
    DateTimeOffset? UpdatedAt)
{
    [JsonIgnore]
    public string ETag => CartVersionHeaders.TagOf(Version);
}

public sealed record CartOwnerDocument(string Kind, string Id);

public sealed record CartItemDocument(
    string Sku,
    string? Name,
    string? ImageUrl,
    IReadOnlyDictionary<string, string> Variant,
    int Quantity,
    decimal UnitPrice,
    decimal? CurrentUnitPrice,
    bool PriceChanged,
    decimal LineTotal,
    HoldDocument Hold,
    DateTimeOffset AddedAt,
    DateTimeOffset UpdatedAt);

/// <summary><c>held</c> until <c>expiresAt</c>, <c>expired</c>, or <c>none</c> (stock not tracked for the SKU).</summary>
public sealed record HoldDocument(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Quantity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null)
{
    public static readonly HoldDocument None = new("none");
}
