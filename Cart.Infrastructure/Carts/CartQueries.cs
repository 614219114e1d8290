using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Carts;

/// <summary>An owner's carts as of one read: the active cart (null: none) and the highest version any reached.</summary>
public sealed record OwnerCarts(ShoppingCart? Active, long Version);

/// <summary>The Carts module's reads of its tables. Tracked reads are for a change in the same context.</summary>
public sealed class CartQueries(CartDbContext db)
{
    /// <summary>
    /// The owner's active cart and version in one statement. A new cart counts on from the owner's earlier carts, so
    /// the active cart, when there is one, is the owner's cart with the highest version; when the latest is closed,
    /// its version is the version of "no cart". One statement, so the two can never disagree.
    /// </summary>
    public async Task<OwnerCarts> FindCurrentAsync(CartOwner owner, bool tracking, CancellationToken cancellationToken)
    {
        var latest = await OwnedBy(owner, tracking)
            .OrderByDescending(c => c.Version)
            .ThenBy(c => c.Status == CartStatus.Active ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? new OwnerCarts(null, 0)
            : new OwnerCarts(latest.Status == CartStatus.Active ? latest : null, latest.Version);
    }

    public Task<ShoppingCart?> FindActiveAsync(CartOwner owner, bool tracking, CancellationToken cancellationToken) =>
        OwnedBy(owner, tracking)
            .Where(c => c.Status == CartStatus.Active)
            .SingleOrDefaultAsync(cancellationToken);

    private IQueryable<ShoppingCart> OwnedBy(CartOwner owner, bool tracking) =>
        (tracking ? db.Carts : db.Carts.AsNoTracking())
            .Include(c => c.Lines)
            .Where(c => c.OwnerKind == owner.Kind && c.OwnerId == owner.Id);
}
