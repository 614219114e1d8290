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

/// <summary>A cart as support sees it: the cart with its lines (holds included) and its owner's stored email.</summary>
public sealed record CartForSupport(ShoppingCart Cart, string? OwnerEmail);

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

    Task<CartForSupport?> GetAsync(string cartId, CancellationToken cancellationToken);

    /// <summary>The cart's timeline, newest first.</summary>
    Task<ResultPage<CartEvent>> TimelineAsync(string cartId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>One <see cref="CartActivityTypes.ItemRemoved"/> entry of the cart's timeline; null if there is none.</summary>
    Task<CartEvent?> FindRemovalAsync(string cartId, long eventId, CancellationToken cancellationToken);
}
