using Cart.Domain.Common;

namespace Cart.Domain.Carts;

/// <summary>
/// What other modules may read of carts: whose a cart is, what it holds, and which signed-in shoppers' carts went
/// idle. Read models, never the aggregate: the carts' tables stay the Carts module's.
/// </summary>
public interface ICartDirectory
{
    /// <summary>The carts among <paramref name="cartIds"/> that exist; unknown ids are absent.</summary>
    Task<IReadOnlyDictionary<string, CartEntry>> FindAsync(IReadOnlyCollection<string> cartIds,
        CancellationToken cancellationToken);

    /// <summary>The cart with its lines; null when there is no such cart.</summary>
    Task<CartContents?> ContentsAsync(string cartId, CancellationToken cancellationToken);

    /// <summary>
    /// Signed-in shoppers' active carts with lines whose last change is after <paramref name="changedAfter"/> and at
    /// most <paramref name="changedBy"/>, in order of that change then id, starting after <paramref name="after"/>
    /// (a keyset: the last cart of the previous page), at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<IdleCart>> IdleSignedInCartsAsync(DateTimeOffset changedAfter, DateTimeOffset changedBy,
        (DateTimeOffset ChangedAt, string CartId) after, int take, CancellationToken cancellationToken);
}

/// <summary>A cart as other modules see it: its owner, status and version.</summary>
public sealed record CartEntry(string CartId, CartOwner Owner, CartStatus Status, long Version);

/// <summary>A cart and its lines, as other modules see them.</summary>
public sealed record CartContents(CartEntry Cart, string? Currency, IReadOnlyList<CartContentLine> Lines);

/// <summary>A line: the price it was added at, and the hold it has (null: its SKU's stock is not tracked).</summary>
public sealed record CartContentLine(string Sku, int Quantity, decimal UnitPrice, int? HeldQuantity,
    DateTimeOffset? HoldExpiresAt);

/// <summary>A signed-in shopper's cart left as it was since <paramref name="ChangedAt"/>.</summary>
public sealed record IdleCart(string CartId, long Version, string UserId, DateTimeOffset ChangedAt);
