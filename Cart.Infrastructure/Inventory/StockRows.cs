using Cart.Domain.Carts;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Inventory;

/// <summary>
/// The statements on a stock row and its holds. The protocol every caller keeps: inside a transaction, lock the SKU's
/// stock row first (<see cref="TryLockAsync"/>), in ascending SKU order when it touches several; only then read or
/// change the SKU's holds. So the hold rows of a SKU never change under a reader's feet, on any of the three
/// databases, and the reservation itself is still the one conditional update that can never over-reserve.
/// </summary>
internal static class StockRows
{
    /// <summary>Locks the SKU's stock row until the transaction ends. False: the SKU's stock is not tracked.</summary>
    public static async Task<bool> TryLockAsync(CartDbContext db, string sku, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await db.Stock().Where(s => s.Sku == sku)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.UpdatedAt, now), cancellationToken) == 1;

    /// <summary>Reserves <paramref name="units"/> if that many are free: one conditional update.</summary>
    public static async Task<bool> TryReserveAsync(CartDbContext db, string sku, int units,
        CancellationToken cancellationToken) =>
        await db.Stock().Where(s => s.Sku == sku && s.OnHand - s.Reserved >= units)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Reserved, s => s.Reserved + units), cancellationToken) == 1;

    public static Task GiveBackAsync(CartDbContext db, string sku, int units, CancellationToken cancellationToken) =>
        db.Stock().Where(s => s.Sku == sku)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Reserved, s => s.Reserved - units), cancellationToken);

    /// <summary>
    /// Sells <paramref name="units"/>, of which <paramref name="fromHold"/> were reserved by the cart's hold; the rest
    /// must be free. One conditional update; false when the rest is not free.
    /// </summary>
    public static async Task<bool> TrySellAsync(CartDbContext db, string sku, int units, int fromHold,
        CancellationToken cancellationToken)
    {
        var fromFree = Math.Max(0, units - fromHold);
        return await db.Stock().Where(s => s.Sku == sku && s.OnHand - s.Reserved >= fromFree)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.OnHand, s => s.OnHand - units)
                .SetProperty(s => s.Reserved, s => s.Reserved - fromHold), cancellationToken) == 1;
    }

    /// <summary>Units on hand and not reserved (lapsed holds not yet released still count as reserved here).</summary>
    public static Task<int> UnreservedAsync(CartDbContext db, string sku, CancellationToken cancellationToken) =>
        db.Stock().Where(s => s.Sku == sku).Select(s => s.OnHand - s.Reserved).SingleAsync(cancellationToken);

    /// <summary>
    /// Marks the SKU's lapsed active holds expired and gives their units back, except the holds of
    /// <paramref name="exceptCarts"/> (which the caller is changing itself), and adds a <c>hold_expired</c> entry to
    /// each cart's timeline through the Carts module's <paramref name="timeline"/> (saved with the caller's transaction).
    /// Returns the holds it released.
    /// </summary>
    public static async Task<IReadOnlyList<(string CartId, int Quantity)>> ReleaseLapsedAsync(CartDbContext db,
        ICartTimeline timeline, string sku, DateTimeOffset now, IReadOnlyCollection<string> exceptCarts,
        CancellationToken cancellationToken)
    {
        var lapsed = db.StockHolds().Where(h => h.Sku == sku && h.Status == HoldStatus.Active && h.ExpiresAt <= now
                                              && !exceptCarts.Contains(h.CartId));
        var released = await lapsed.Select(h => new { h.CartId, h.Quantity }).ToListAsync(cancellationToken);
        if (released.Count == 0)
        {
            return [];
        }

        await lapsed.ExecuteUpdateAsync(u => u
            .SetProperty(h => h.Status, HoldStatus.Expired)
            .SetProperty(h => h.UpdatedAt, now), cancellationToken);
        await GiveBackAsync(db, sku, released.Sum(h => h.Quantity), cancellationToken);
        foreach (var hold in released)
        {
            var expired = new CartActivity(CartActivityTypes.HoldExpired, sku, hold.Quantity);
            timeline.Record(hold.CartId, null, expired, CartActor.HoldExpiry, now);
        }

        return released.Select(h => (h.CartId, h.Quantity)).ToList();
    }
}
