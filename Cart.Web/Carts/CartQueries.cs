using Cart.Domain.Carts;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Web.Carts;

internal static class CartQueries
{
    public static Task<ShoppingCart?> FindActiveAsync(this CartDbContext db, CartOwner owner, bool tracking,
        CancellationToken cancellationToken)
    {
        var carts = tracking ? db.Carts : db.Carts.AsNoTracking();
        return carts
            .Include(c => c.Lines)
            .Where(c => c.OwnerKind == owner.Kind && c.OwnerId == owner.Id && c.Status == CartStatus.Active)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
