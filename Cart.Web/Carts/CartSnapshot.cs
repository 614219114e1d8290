using Cart.Domain.Carts;

namespace Cart.Web.Carts;

/// <summary>A cart as stored in the cache: what the database holds, without the catalog's current prices.</summary>
public sealed record CartSnapshot(
    string CartId,
    string? Currency,
    long Version,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CartLineSnapshot> Lines)
{
    public static CartSnapshot? From(ShoppingCart? cart) => cart is null
        ? null
        : new CartSnapshot(cart.Id, cart.Currency, cart.Version, cart.UpdatedAt,
            cart.Lines.Select(l => new CartLineSnapshot(l.Sku, l.Quantity, l.UnitPrice, l.Variant, l.AddedAt,
                l.UpdatedAt)).ToList());
}

public sealed record CartLineSnapshot(
    string Sku,
    int Quantity,
    decimal UnitPrice,
    IReadOnlyDictionary<string, string> Variant,
    DateTimeOffset AddedAt,
    DateTimeOffset UpdatedAt);
