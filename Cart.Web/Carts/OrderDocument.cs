using System.ComponentModel.DataAnnotations;
using Cart.Domain.Carts;
using Cart.Domain.Checkout;
using Cart.Web.Platform.Json;

namespace Cart.Web.Carts;

/// <summary>An order as the storefront sees it: what checkout answers (201) and <c>GET /api/v1/orders/{id}</c> returns.</summary>
public sealed record OrderDocument(
    string OrderId,
    [property: AllowedValues("pending_payment")] string Status,
    string Currency,
    [property: MaxLength(CartLimits.MaxLines)] IReadOnlyList<OrderItemDocument> Items,
    decimal Total,
    DateTimeOffset CreatedAt)
{
    public static OrderDocument From(OrderView order) =>
        new(order.OrderId, "pending_payment", order.Currency,
            order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal)
                .Select(l => new OrderItemDocument(l.Sku, l.Quantity, Money.Normalize(l.UnitPrice),
                    Money.Normalize(l.LineTotal)))
                .ToList(),
            Money.Normalize(order.Total), order.CreatedAt);

    public static string LocationOf(string orderId) => $"/api/v1/orders/{orderId}";
}

public sealed record OrderItemDocument(
    string Sku,
    [property: Range(CartLimits.MinQuantity, CartLimits.MaxQuantity)] int Quantity,
    decimal UnitPrice,
    decimal LineTotal);
