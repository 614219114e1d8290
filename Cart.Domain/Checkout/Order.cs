using Cart.Domain.Common;

namespace Cart.Domain.Checkout;

/// <summary>
/// An order made from a cart at checkout, with the prices the shopper pays. Payment is another service's business; the
/// order waits for it (<see cref="OrderStatus.PendingPayment"/>). At most one order per cart.
/// </summary>
public sealed class Order
{
    public const string IdPrefix = "o_";

    private readonly List<OrderLine> _lines = [];

    private Order()
    {
        Id = string.Empty;
        CartId = string.Empty;
        OwnerId = string.Empty;
        Currency = string.Empty;
    }

    private Order(string id, string cartId, CartOwner owner, string currency, DateTimeOffset now)
    {
        Id = id;
        CartId = cartId;
        OwnerKind = owner.Kind;
        OwnerId = owner.Id;
        Currency = currency;
        Status = OrderStatus.PendingPayment;
        CreatedAt = now;
    }

    public string Id { get; private set; }

    public string CartId { get; private set; }

    public OwnerKind OwnerKind { get; private set; }

    public string OwnerId { get; private set; }

    public string Currency { get; private set; }

    public OrderStatus Status { get; private set; }

    public decimal Total { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>A new order id, chosen before the order is placed (the cart records it when it closes).</summary>
    public static string NewId(DateTimeOffset now) => IdPrefix + Ulid.NewUlid(now);

    public static Order Place(string id, string cartId, CartOwner owner, string currency,
        IEnumerable<(string Sku, string? Name, int Quantity, decimal UnitPrice)> lines, DateTimeOffset now)
    {
        var order = new Order(id, cartId, owner, currency, now);
        foreach (var (sku, name, quantity, unitPrice) in lines)
        {
            order._lines.Add(new OrderLine(id, sku, name, quantity, unitPrice));
        }

        if (order._lines.Count == 0)
        {
            throw new ArgumentException("An order has at least one line.", nameof(lines));
        }

        order.Total = order._lines.Sum(l => l.LineTotal);
        return order;
    }
}

public enum OrderStatus
{
    PendingPayment,
}

/// <summary>One SKU of an order at the price the shopper pays.</summary>
public sealed class OrderLine
{
    private OrderLine()
    {
        OrderId = string.Empty;
        Sku = string.Empty;
    }

    internal OrderLine(string orderId, string sku, string? name, int quantity, decimal unitPrice)
    {
        OrderId = orderId;
        Sku = sku;
        Name = name;
        Quantity = quantity;
        UnitPrice = unitPrice;
        LineTotal = unitPrice * quantity;
    }

    public string OrderId { get; private set; }

    public string Sku { get; private set; }

    public string? Name { get; private set; }

    public int Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal LineTotal { get; private set; }
}
