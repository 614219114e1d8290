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
}
