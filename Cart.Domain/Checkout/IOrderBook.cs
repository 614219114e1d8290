using Cart.Domain.Common;

namespace Cart.Domain.Checkout;

/// <summary>What the Checkout module offers the others: placing an order, and finding one for its owner.</summary>
public interface IOrderBook
{
    /// <summary>Adds the order to the caller's open unit of work: it commits with the cart that made it, or not at all.</summary>
    void Place(Order order);

    /// <summary>The order if it exists and belongs to <paramref name="owner"/>; null otherwise.</summary>
    Task<Order?> FindAsync(CartOwner owner, string orderId, CancellationToken cancellationToken);

    /// <summary>The order the cart was checked out as (a cart has at most one); null when it has none.</summary>
    Task<OrderSummary?> FindOfCartAsync(string cartId, CancellationToken cancellationToken);
}

/// <summary>An order as other modules see it: whose, for which cart, how much, and when it was placed.</summary>
public sealed record OrderSummary(string OrderId, string CartId, CartOwner Owner, decimal Total, string Currency,
    DateTimeOffset PlacedAt);
