using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Carts;

/// <summary>
/// One pass of the cleanup: deletes every cart (active or closed) whose last activity
/// (<see cref="ShoppingCart.LastActiveAt"/>) is older than <see cref="CartsOptions.InactiveAfter"/>, with its lines and
/// holds, in batches of <see cref="CartsOptions.CleanupBatchSize"/>, each batch one short transaction that:
/// has the Inventory module lock the stock rows of its carts' held SKUs in SKU order (<see cref="IStockHolds.LockHoldsOfAsync"/>,
/// the order every writer keeps, so the two never deadlock), claims the carts still inactive (a row lock, and a
/// version step: the deletion is a change), has the Inventory module give their active holds' units back and delete
/// the holds (<see cref="IStockHolds.ForgetHoldsOfAsync"/>), deletes lines and carts, records one <c>cart_deleted</c>
/// event per cart and raises each owner's <see cref="DeletedCartsVersion"/>. Then the cache is told.
/// Safe twice and on several instances at once: a cart another instance claimed or deleted first, or a shopper
/// touched meanwhile, is simply not claimed, so it is released, recorded and deleted once.
/// </summary>
public sealed partial class InactiveCartCleanup(
    CartDbContext db,
    IStockHolds holds,
    IDeletedCartsCache cache,
    TimeProvider clock,
    IOptions<CartsOptions> options,
    ILogger<InactiveCartCleanup> logger)
{
    private const int AttemptsPerBatch = 5;

    private static readonly CartActor Actor = CartActor.Job(CartCleanupJob.Id);

    /// <summary>Deletes every cart inactive as of the start of the pass; returns how many it deleted.</summary>
    public async Task<int> DeleteInactiveAsync(CancellationToken cancellationToken)
    {
        // One "now" for the pass: carts going inactive while it runs wait for the next one, so the pass ends.
        var now = clock.GetUtcNow();
        var inactiveBefore = now - options.Value.InactiveAfter;
        var batchSize = options.Value.CleanupBatchSize;
        var deleted = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidates = await db.Carts().AsNoTracking()
                .Where(c => c.LastActiveAt < inactiveBefore)
                .OrderBy(c => c.LastActiveAt)
                .Select(c => c.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (candidates.Count > 0)
            {
                var batch = await DeleteBatchWithRetryAsync(candidates, inactiveBefore, now, cancellationToken);
                deleted += batch.Count;
                await cache.ForgetAsync(batch);
            }

            if (candidates.Count < batchSize)
            {
                return deleted;
            }
        }
    }

    private async Task<IReadOnlyList<DeletedCart>> DeleteBatchWithRetryAsync(List<string> candidates,
        DateTimeOffset inactiveBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DeleteBatchAsync(candidates, inactiveBefore, now, cancellationToken);
            }
            catch (Exception e) when (attempt < AttemptsPerBatch && IsContention(e))
            {
                // Another instance deleting the same owners' carts, or a deadlock the database broke: the batch
                // rolled back whole; a fresh try claims only what is still there.
                LogRetrying(logger, e, attempt);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<IReadOnlyList<DeletedCart>> DeleteBatchAsync(List<string> candidates,
        DateTimeOffset inactiveBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var locked = await holds.LockHoldsOfAsync(candidates, now, cancellationToken);

        // The claim: the carts still inactive, locked until the commit. A writer that read one of them before finds
        // its version gone and starts again from a fresh read (no cart).
        var claimed = await db.Carts()
            .Where(c => candidates.Contains(c.Id) && c.LastActiveAt < inactiveBefore)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (claimed == 0)
        {
            return [];
        }

        var carts = await db.Carts().AsNoTracking()
            .Where(c => candidates.Contains(c.Id) && c.LastActiveAt < inactiveBefore)
            .Select(c => new { c.Id, c.OwnerKind, c.OwnerId, c.Version, c.Status })
            .ToListAsync(cancellationToken);
        var ids = carts.ConvertAll(c => c.Id);

        await holds.ForgetHoldsOfAsync(ids, locked, cancellationToken);
        await db.CartLines().Where(l => ids.Contains(l.CartId)).ExecuteDeleteAsync(cancellationToken);
        await db.Carts().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);

        var deleted = carts.ConvertAll(c =>
            new DeletedCart(c.Id, new CartOwner(c.OwnerKind, c.OwnerId), c.Version, c.Status));
        foreach (var cart in deleted)
        {
            var activity = new CartActivity(CartActivityTypes.CartDeleted, Detail: StatusWord(cart.Status));
            db.CartEvents().Add(new CartEvent(cart.CartId, cart.Owner, activity, Actor, now));
        }

        await KeepVersionsAsync(deleted, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Raises each owner's <see cref="DeletedCartsVersion"/> to the highest version deleted.</summary>
    private async Task KeepVersionsAsync(List<DeletedCart> deleted, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var highest = deleted.GroupBy(c => c.Owner).ToDictionary(g => g.Key, g => g.Max(c => c.Version));
        var ownerIds = highest.Keys.Select(o => o.Id).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.DeletedCartsVersions()
            .Where(v => ownerIds.Contains(v.OwnerId))
            .ToListAsync(cancellationToken);
        foreach (var (owner, version) in highest)
        {
            var row = existing.Find(v => v.OwnerKind == owner.Kind && v.OwnerId == owner.Id);
            if (row is null)
            {
                db.DeletedCartsVersions().Add(new DeletedCartsVersion(owner, version, now));
            }
            else
            {
                row.RaiseTo(version, now);
            }
        }
    }

    private static string StatusWord(CartStatus status) => status switch
    {
        CartStatus.Active => "active",
        CartStatus.Merged => "merged",
        CartStatus.CheckedOut => "checked_out",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static bool IsContention(Exception exception) =>
        exception is HoldsChangedException || DbErrors.IsUniqueViolation(exception) || DbErrors.IsDeadlock(exception);

    [LoggerMessage(LogLevel.Warning, "A cart cleanup batch met a concurrent change (attempt {Attempt}); trying it again")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int attempt);
}
