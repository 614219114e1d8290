using Cart.Domain.Checkout;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Checkout;

internal sealed class EfOrderBook(CartDbContext db) : IOrderBook
{
    public OrderView Place(NewOrder order)
    {
        var placed = Order.Place(order.OrderId, order.CartId, order.Owner, order.Currency,
            order.Lines.Select(l => (l.Sku, l.Name, l.Quantity, l.UnitPrice)), order.At);
        db.Orders().Add(placed);
        return OrderView.Of(placed);
    }

    public async Task<OrderView?> FindAsync(CartOwner owner, string orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders().AsNoTracking()
            .Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.Id == orderId && o.OwnerKind == owner.Kind && o.OwnerId == owner.Id,
                cancellationToken);
        return order is null ? null : OrderView.Of(order);
    }

    public async Task<OrderView?> FindOfCartAsync(string cartId, CancellationToken cancellationToken)
    {
        // ux_orders_cart: at most one order per cart.
        var order = await db.Orders().AsNoTracking()
            .Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.CartId == cartId, cancellationToken);
        return order is null ? null : OrderView.Of(order);
    }

    public async Task<CartOwner?> OwnerOfAsync(string orderId, CancellationToken cancellationToken)
    {
        var owner = await db.Orders().AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.OwnerKind, o.OwnerId }).SingleOrDefaultAsync(cancellationToken);
        return owner is null ? null : new CartOwner(owner.OwnerKind, owner.OwnerId);
    }
}
