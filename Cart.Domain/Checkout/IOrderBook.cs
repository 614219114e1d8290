using Cart.Domain.Common;

namespace Cart.Domain.Checkout;

/// <summary>
/// What the Checkout module offers the others: placing an order, and reading one. Callers hand it values and get read
/// models back (<see cref="OrderView"/>); the <see cref="Order"/> entity and its table stay the module's own.
/// </summary>
public interface IOrderBook
{
    /// <summary>
    /// Makes the order (<see cref="Order.Place"/>) and adds it to the caller's open unit of work: it commits with the
    /// cart that made it, or not at all.
    /// </summary>
    OrderView Place(NewOrder order);

    /// <summary>The order if it exists and belongs to <paramref name="owner"/>; null otherwise.</summary>
    Task<OrderView?> FindAsync(CartOwner owner, string orderId, CancellationToken cancellationToken);

    /// <summary>Who placed the order <paramref name="orderId"/> (by its key); null when there is no such order.
    /// Support looks a customer's carts up by an order id the customer reads out.</summary>
    Task<CartOwner?> OwnerOfAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The order the cart was checked out as (a cart has at most one); null when it has none.</summary>
    Task<OrderView?> FindOfCartAsync(string cartId, CancellationToken cancellationToken);
}

/// <summary>An order to place: its id (chosen by the caller, <see cref="NewId"/>), cart, owner and lines.</summary>
public sealed record NewOrder(string OrderId, string CartId, CartOwner Owner, string Currency,
    IReadOnlyList<NewOrderLine> Lines, DateTimeOffset At)
{
    /// <summary>A new order id, chosen before the order is placed (the cart records it when it closes).</summary>
    public static string NewId(DateTimeOffset now) => Order.NewId(now);
}

/// <summary>One SKU of an order to place, at the price the shopper pays.</summary>
public sealed record NewOrderLine(string Sku, string? Name, int Quantity, decimal UnitPrice);

/// <summary>An order as other modules see it.</summary>
public sealed record OrderView(string OrderId, string CartId, CartOwner Owner, OrderStatus Status, string Currency,
    decimal Total, DateTimeOffset CreatedAt, IReadOnlyList<OrderViewLine> Lines)
{
    public static OrderView Of(Order order) =>
        new(order.Id, order.CartId, new CartOwner(order.OwnerKind, order.OwnerId), order.Status, order.Currency,
            order.Total, order.CreatedAt,
            order.Lines.Select(l => new OrderViewLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.LineTotal)).ToList());
}

/// <summary>One line of an order as other modules see it.</summary>
public sealed record OrderViewLine(string Sku, string? Name, int Quantity, decimal UnitPrice, decimal LineTotal);
