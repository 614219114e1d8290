using Cart.Domain.Common;

namespace Cart.Domain.Carts.Support;

/// <summary>What support looks a customer's carts up by.</summary>
public enum CartLookupKey
{
    UserId,
    Email,
    GuestSessionId,
    CartId,
    OrderId,
}

/// <summary>One cart in a look-up's results (one currency per cart, so one total).</summary>
public sealed record CartSummary(string CartId, CartOwner Owner, CartStatus Status, int Lines, int Units,
    string? Currency, decimal Total, DateTimeOffset LastActiveAt, long Version);

/// <summary>One page of a longer list, and how many there are in all.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>
/// A cart as support sees it, read for display only: its owner (and the owner's stored email), status, totals, the
/// version a fix must still find, and its lines with their holds and the catalog's product now.
/// </summary>
public sealed record SupportCart(string CartId, CartOwner Owner, string? OwnerEmail, CartStatus Status,
    string? Currency, decimal Total, int Units, long Version, DateTimeOffset LastActiveAt,
    IReadOnlyList<SupportCartLine> Lines);

/// <summary>
/// One line of a <see cref="SupportCart"/>. <paramref name="Name"/> and <paramref name="PriceNow"/> are the catalog's
/// now (null when the product is gone from it); <paramref name="HeldQuantity"/> null: the SKU's stock is not tracked.
/// </summary>
public sealed record SupportCartLine(string Sku, string? Name, int Quantity, decimal UnitPrice, decimal? PriceNow,
    decimal LineTotal, int? HeldQuantity, DateTimeOffset? HoldExpiresAt, DateTimeOffset AddedAt)
{
    /// <summary>The catalog's price differs from the one the line was added at.</summary>
    public bool PriceChanged => PriceNow is { } now && now != UnitPrice;
}

/// <summary>
/// The Carts module's reads for support (the admin console). Every query runs on an index, so each stays fast at
/// millions of carts: the owner's carts by <c>(owner_id)</c>, an email through <c>shopper_emails(email)</c>, a cart by
/// its key, an order by its key, a timeline by <c>(cart_id, id)</c>.
/// </summary>
public interface ICartLookup
{
    /// <summary>
    /// The carts of the owner <paramref name="value"/> names (active and closed), most recently active first.
    /// A cart id or an order id names its cart's owner; an email, every shopper stored with it.
    /// </summary>
    Task<ResultPage<CartSummary>> FindAsync(CartLookupKey key, string value, int skip, int take,
        CancellationToken cancellationToken);

    /// <summary>The cart as support sees it; null when there is no such cart.</summary>
    Task<SupportCart?> GetAsync(string cartId, CancellationToken cancellationToken);

    /// <summary>The cart's timeline, newest first.</summary>
    Task<ResultPage<TimelineEntry>> TimelineAsync(string cartId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>One <see cref="CartActivityTypes.ItemRemoved"/> entry of the cart's timeline; null if there is none.</summary>
    Task<TimelineEntry?> FindRemovalAsync(string cartId, long eventId, CancellationToken cancellationToken);
}
