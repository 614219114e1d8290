using Cart.Domain.Carts;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Inventory;

/// <summary>
/// One sweep: marks lapsed holds expired and gives their units back, one SKU per short transaction (the SKU's stock
/// row locked, as <see cref="StockRows"/> requires). Lapsed holds already stop counting the moment they lapse; the
/// sweep only brings the stored counts up to date. Safe twice and on several instances at once: under the row lock,
/// a hold already released is no longer active and is not counted again.
/// </summary>
public sealed class HoldExpirySweep(CartDbContext db, ICartTimeline timeline, TimeProvider clock,
    IOptions<InventoryOptions> options)
{
    /// <summary>Releases every hold lapsed by now; returns how many it released.</summary>
    public async Task<int> ReleaseLapsedAsync(CancellationToken cancellationToken)
    {
        // One "now" for the pass: holds lapsing while it runs wait for the next one, so the pass ends.
        var now = clock.GetUtcNow();
        var batchSize = options.Value.ExpirySweepBatchSize;
        var released = 0;
        string? after = null;
        while (true)
        {
            var skus = await db.StockHolds().AsNoTracking()
                .Where(h => h.Status == HoldStatus.Active && h.ExpiresAt <= now)
                .Where(h => after == null || string.Compare(h.Sku, after) > 0)
                .Select(h => h.Sku)
                .Distinct()
                .OrderBy(s => s)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var sku in skus)
            {
                released += await ReleaseSkuAsync(sku, now, cancellationToken);
            }

            if (skus.Count < batchSize)
            {
                return released;
            }

            after = skus[^1];
        }
    }

    private async Task<int> ReleaseSkuAsync(string sku, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await StockRows.TryLockAsync(db, sku, now, cancellationToken))
        {
            return 0;
        }

        var holds = await StockRows.ReleaseLapsedAsync(db, timeline, sku, now, [], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return holds.Count;
    }
}
