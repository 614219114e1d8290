using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Carts;

/// <summary>One read by primary key of the carts asked for.</summary>
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
}
