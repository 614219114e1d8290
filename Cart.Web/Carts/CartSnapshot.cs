using Cart.Domain.Carts;

namespace Cart.Web.Carts;

/// <summary>
/// An owner's cart as the cache holds it: what the database holds, without the catalog's current prices. An owner
/// without an active cart has a snapshot too (<see cref="Exists"/> false) whose version is the highest any of the
/// owner's carts reached, so versions only grow and a cached copy can always be told older or newer.
/// <see cref="LastActiveAt"/> is the activity recorded when the copy was taken; a read that finds it a day old records
/// the read (<see cref="CartActivityRules"/>) and puts the copy back with it, so the next reads do not write.
/// </summary>
public sealed record CartSnapshot(
    string? CartId,
    string? Currency,
    long Version,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<CartLineSnapshot> Lines,
    DateTimeOffset? LastActiveAt = null)
{
    public bool Exists => CartId is not null;

    public static CartSnapshot NoCart(long version) => new(null, null, version, null, []);

    /// <summary>The active cart, or no cart at <paramref name="lastVersion"/>.</summary>
    public static CartSnapshot Of(ShoppingCart? active, long lastVersion) => active is null
        ? NoCart(lastVersion)
        : new CartSnapshot(active.Id, active.Currency, active.Version, active.UpdatedAt,
            active.Lines.Select(l => new CartLineSnapshot(l.Sku, l.Quantity, l.UnitPrice, l.Variant, l.AddedAt,
                l.UpdatedAt, l.HeldQuantity, l.HoldExpiresAt)).ToList(), active.LastActiveAt);

    /// <summary>
    /// True when both name the same cart at the same version with the same lines, quantities and prices (timestamps
    /// aside): an acceptance of prices changes only prices.
    /// </summary>
    public bool HasSameContentAs(CartSnapshot other) =>
        CartId == other.CartId && Version == other.Version && Lines.Count == other.Lines.Count
        && Lines.All(l => other.Lines.Any(o =>
            o.Sku == l.Sku && o.Quantity == l.Quantity && o.UnitPrice == l.UnitPrice));
}

public sealed record CartLineSnapshot(
    string Sku,
    int Quantity,
    decimal UnitPrice,
    IReadOnlyDictionary<string, string> Variant,
    DateTimeOffset AddedAt,
    DateTimeOffset UpdatedAt,
    int? HeldQuantity = null,
    DateTimeOffset? HoldExpiresAt = null);
