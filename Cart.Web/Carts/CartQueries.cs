using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Web.Carts;

/// <summary>An owner's carts as of one read: the active cart (null: none) and the highest version any reached.</summary>
internal sealed record OwnerCarts(ShoppingCart? Active, long Version);

internal static class CartQueries
{
    /// <summary>
    /// The owner's active cart and version in one statement. A new cart counts on from the owner's earlier carts, so
    /// the active cart, when there is one, is the owner's cart with the highest version; when the latest is closed,
    /// its version is the version of "no cart". One statement, so the two can never disagree.
    /// </summary>
    public static async Task<OwnerCarts> FindCurrentAsync(this CartDbContext db, CartOwner owner, bool tracking,
        CancellationToken cancellationToken)
    {
        var carts = tracking ? db.Carts : db.Carts.AsNoTracking();
        var latest = await carts
            .Include(c => c.Lines)
            .Where(c => c.OwnerKind == owner.Kind && c.OwnerId == owner.Id)
            .OrderByDescending(c => c.Version)
            .ThenBy(c => c.Status == CartStatus.Active ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? new OwnerCarts(null, 0)
            : new OwnerCarts(latest.Status == CartStatus.Active ? latest : null, latest.Version);
    }

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
