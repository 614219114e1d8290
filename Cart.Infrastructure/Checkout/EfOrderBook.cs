using Cart.Domain.Checkout;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Checkout;

internal sealed class EfOrderBook(CartDbContext db) : IOrderBook
{
    public void Place(Order order) => db.Orders().Add(order);

    public Task<Order?> FindAsync(CartOwner owner, string orderId, CancellationToken cancellationToken) =>
        db.Orders().AsNoTracking()
            .Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.Id == orderId && o.OwnerKind == owner.Kind && o.OwnerId == owner.Id,
                cancellationToken);

    public async Task<OrderSummary?> FindOfCartAsync(string cartId, CancellationToken cancellationToken)
    {
        // ux_orders_cart: at most one order per cart.
        var order = await db.Orders().AsNoTracking()
            .Where(o => o.CartId == cartId)
            .Select(o => new { o.Id, o.CartId, o.OwnerKind, o.OwnerId, o.Total, o.Currency, o.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        return order is null
            ? null
            : new OrderSummary(order.Id, order.CartId, new CartOwner(order.OwnerKind, order.OwnerId), order.Total,
                order.Currency, order.CreatedAt);
    }
}
