using Cart.Domain.Carts;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Inventory;

/// <summary>
/// A merchandiser's change of a SKU's units on hand, keeping <see cref="StockRows"/>' protocol: the row is locked
/// first, holds that have lapsed are released (they no longer tie anything up), and then one conditional update sets
/// the new figure only if on hand is still what the merchandiser saw and the new figure still covers every live hold.
/// A real inventory tool does not let a count drop below what is promised to carts: the database's check
/// (reserved ≤ on hand) would refuse it anyway.
/// </summary>
internal static class StockOnHand
{
    public static async Task<OnHandChange> SetAsync(CartDbContext db, ICartTimeline timeline, string sku, int expectedOnHand, int onHand,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await StockRows.TryLockAsync(db, sku, now, cancellationToken))
        {
            return new OnHandChange(OnHandChangeOutcome.NotTracked, 0, 0);
        }

        await StockRows.ReleaseLapsedAsync(db, timeline, sku, now, [], cancellationToken);
        var changed = await db.Stock()
            .Where(s => s.Sku == sku && s.OnHand == expectedOnHand && s.Reserved <= onHand)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.OnHand, onHand)
                .SetProperty(s => s.UpdatedAt, now), cancellationToken) == 1;
        var row = await db.Stock().AsNoTracking().Where(s => s.Sku == sku)
            .Select(s => new { s.OnHand, s.Reserved })
            .SingleAsync(cancellationToken);
        // The lapsed holds' timeline entries commit with the change (or with the refusal: they were released anyway).
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var outcome = changed ? OnHandChangeOutcome.Changed
            : row.OnHand != expectedOnHand ? OnHandChangeOutcome.Conflict
            : OnHandChangeOutcome.BelowHeld;
        return new OnHandChange(outcome, row.OnHand, row.Reserved);
    }
}
