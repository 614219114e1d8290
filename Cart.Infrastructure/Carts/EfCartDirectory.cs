using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Carts;

/// <summary>The Carts module's reads for other modules, each one query on a key or an index.</summary>
internal sealed class EfCartDirectory(CartDbContext db) : ICartDirectory
{
    public async Task<IReadOnlyDictionary<string, CartEntry>> FindAsync(IReadOnlyCollection<string> cartIds,
        CancellationToken cancellationToken)
    {
        if (cartIds.Count == 0)
        {
            return new Dictionary<string, CartEntry>(StringComparer.Ordinal);
        }

        var rows = await db.Carts().AsNoTracking()
            .Where(c => cartIds.Contains(c.Id))
            .Select(c => new { c.Id, c.OwnerKind, c.OwnerId, c.Status, c.Version })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(c => c.Id,
            c => new CartEntry(c.Id, new CartOwner(c.OwnerKind, c.OwnerId), c.Status, c.Version),
            StringComparer.Ordinal);
    }

    public async Task<CartContents?> ContentsAsync(string cartId, CancellationToken cancellationToken)
    {
        var cart = await db.Carts().AsNoTracking().Include(c => c.Lines)
            .SingleOrDefaultAsync(c => c.Id == cartId, cancellationToken);
        return cart is null
            ? null
            : new CartContents(new CartEntry(cart.Id, cart.Owner, cart.Status, cart.Version), cart.Currency,
                cart.Lines.Select(l => new CartContentLine(l.Sku, l.Quantity, l.UnitPrice, l.HeldQuantity,
                    l.HoldExpiresAt)).ToList());
    }

    public async Task<IReadOnlyList<IdleCart>> IdleSignedInCartsAsync(DateTimeOffset changedAfter,
        DateTimeOffset changedBy, (DateTimeOffset ChangedAt, string CartId) after, int take,
        CancellationToken cancellationToken)
    {
        var (afterAt, afterId) = after;
        return await db.Carts().AsNoTracking()
            .Where(c => c.UpdatedAt > changedAfter && c.UpdatedAt <= changedBy
                        && (c.UpdatedAt > afterAt || (c.UpdatedAt == afterAt && string.Compare(c.Id, afterId) > 0))
                        && c.Status == CartStatus.Active && c.OwnerKind == OwnerKind.User && c.Lines.Any())
            .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id)
            .Take(take)
            .Select(c => new IdleCart(c.Id, c.Version, c.OwnerId, c.UpdatedAt))
            .ToListAsync(cancellationToken);
    }
}
