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
    /// The owner's active cart and version. A new cart counts on from the owner's earlier carts, so the active cart,
    /// when there is one, is the owner's cart with the highest version, read in one statement. When the latest is
    /// closed, or the cleanup deleted them all, "no cart" has the highest version any reached, deleted ones included
    /// (<see cref="DeletedCartsVersion"/>), so versions never restart.
    /// </summary>
    public async Task<OwnerCarts> FindCurrentAsync(CartOwner owner, bool tracking, CancellationToken cancellationToken)
    {
        var latest = await OwnedBy(owner, tracking)
            .OrderByDescending(c => c.Version)
            .ThenBy(c => c.Status == CartStatus.Active ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is { Status: CartStatus.Active })
        {
            return new OwnerCarts(latest, latest.Version);
        }

        // Read after the carts: a deletion commits the cart's removal and this row together, so a reader that no
        // longer sees the cart sees the row.
        var deleted = await db.DeletedCartsVersions().AsNoTracking()
            .Where(v => v.OwnerId == owner.Id && v.OwnerKind == owner.Kind)
            .Select(v => (long?)v.Version)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        return new OwnerCarts(null, Math.Max(latest?.Version ?? 0, deleted));
    }

    public Task<ShoppingCart?> FindActiveAsync(CartOwner owner, bool tracking, CancellationToken cancellationToken) =>
        OwnedBy(owner, tracking)
            .Where(c => c.Status == CartStatus.Active)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>True when the cart <paramref name="cartId"/> has been checked out (read outside any change).</summary>
    public Task<bool> IsCheckedOutAsync(string cartId, CancellationToken cancellationToken) =>
        db.Carts().AsNoTracking().AnyAsync(c => c.Id == cartId && c.Status == CartStatus.CheckedOut, cancellationToken);

    /// <summary>True when the cart <paramref name="cartId"/> is no longer at <paramref name="version"/>, or is gone.</summary>
    public async Task<bool> HasChangedAsync(string cartId, long version, CancellationToken cancellationToken) =>
        !await db.Carts().AsNoTracking().AnyAsync(c => c.Id == cartId && c.Version == version, cancellationToken);

    private IQueryable<ShoppingCart> OwnedBy(CartOwner owner, bool tracking) =>
        (tracking ? db.Carts() : db.Carts().AsNoTracking())
            .Include(c => c.Lines)
            .Where(c => c.OwnerKind == owner.Kind && c.OwnerId == owner.Id);
}
