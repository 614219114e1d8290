using Cart.Domain.Checkout;
using Cart.Domain.Common;

namespace Cart.Web.Carts;

/// <summary>An order, to its owner only: another owner's order id and an unknown one answer the same 404.</summary>
internal sealed class GetOrder(IOrderBook orders)
{
    public async Task<OrderDocument> HandleAsync(CartOwner owner, string orderId, CancellationToken cancellationToken)
    {
        var order = orderId.Length <= 32
            ? await orders.FindAsync(owner, orderId, cancellationToken)
            : null;
        return order is null
            ? throw new DomainException(new DomainError(ErrorCodes.OrderNotFound, "There is no such order for you."))
            : OrderDocument.From(order);
    }
}
