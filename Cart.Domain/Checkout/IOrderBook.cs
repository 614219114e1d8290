using Cart.Domain.Common;

namespace Cart.Domain.Checkout;

/// <summary>What the Checkout module offers the others: placing an order, and finding one for its owner.</summary>
public interface IOrderBook
{
    /// <summary>Adds the order to the caller's open unit of work: it commits with the cart that made it, or not at all.</summary>
    void Place(Order order);

    /// <summary>The order if it exists and belongs to <paramref name="owner"/>; null otherwise.</summary>
    Task<Order?> FindAsync(CartOwner owner, string orderId, CancellationToken cancellationToken);

    /// <summary>Who placed the order <paramref name="orderId"/> (by its key); null when there is no such order.
    /// Support looks a customer's carts up by an order id the customer reads out.</summary>
    Task<CartOwner?> OwnerOfAsync(string orderId, CancellationToken cancellationToken);
}
