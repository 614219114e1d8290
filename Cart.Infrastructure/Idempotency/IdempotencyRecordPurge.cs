using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Idempotency;

/// <summary>
/// One purge pass: deletes the Idempotency-Key records past their 24 hours. It is the unit of work only; when to run
/// it is <see cref="IdempotencyPurgeJob"/>'s business.
/// </summary>
public sealed class IdempotencyRecordPurge(CartDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    /// <summary>Deletes expired records in batches, each its own short statement; returns how many went.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        // One "now" for the whole pass: records expiring while it runs wait for the next one, so the pass ends.
        var now = clock.GetUtcNow();
        var batchSize = options.Value.PurgeBatchSize;
        var total = 0;
        while (true)
        {
            var deleted = await db.IdempotencyRecords()
                .Where(r => r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }
}
