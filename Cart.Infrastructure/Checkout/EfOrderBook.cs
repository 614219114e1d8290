using Cart.Domain.Checkout;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Checkout;

internal sealed class EfOrderBook(CartDbContext db) : IOrderBook
{
    public void Place(Order order) => db.Set<Order>().Add(order);

    public Task<Order?> FindAsync(CartOwner owner, string orderId, CancellationToken cancellationToken) =>
        db.Set<Order>().AsNoTracking()
            .Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.Id == orderId && o.OwnerKind == owner.Kind && o.OwnerId == owner.Id,
                cancellationToken);

    public async Task<CartOwner?> OwnerOfAsync(string orderId, CancellationToken cancellationToken)
    {
        var owner = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.OwnerKind, o.OwnerId }).SingleOrDefaultAsync(cancellationToken);
        return owner is null ? null : new CartOwner(owner.OwnerKind, owner.OwnerId);
    }
}
