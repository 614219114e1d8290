using Cart.Domain.Common;

namespace Cart.Domain.Carts;

/// <summary>
/// How another module writes down what it did to a cart (a hold that lapsed, a reminder sent): an entry of the cart's
/// timeline, saved with the caller's own change, in its transaction. The timeline's table stays the Carts module's.
/// </summary>
public interface ICartTimeline
{
    /// <param name="owner">The cart's owner; null where the caller knows only the cart.</param>
    void Record(string cartId, CartOwner? owner, CartActivity activity, CartActor actor, DateTimeOffset at);
}
