using Cart.Domain.Carts;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Inventory;

/// <summary>
/// Soft holds in the database, inside the caller's transaction, keeping <see cref="StockRows"/>' locking protocol.
/// </summary>
internal sealed class EfStockHolds(CartDbContext db, ICartTimeline timeline, IOptions<InventoryOptions> options)
    : IStockHolds
{
    public HoldLimits Limits { get; } = options.Value.ToLimits();

    public async Task<IReadOnlyList<HoldResult>> ApplyAsync(IReadOnlyList<HoldRequest> requests, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var results = new List<HoldResult>(requests.Count);
        var shortages = new List<StockShortage>();
        foreach (var bySku in requests.GroupBy(r => r.Sku, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var sku = bySku.Key;
            if (!await StockRows.TryLockAsync(db, sku, now, cancellationToken))
            {
                results.AddRange(bySku.Select(r => new HoldResult(r.CartId, sku, null, null)));
                continue;
            }

            var carts = bySku.Select(r => r.CartId).Distinct().ToList();
            var holds = await db.StockHolds().Where(h => h.Sku == sku && carts.Contains(h.CartId))
                .ToDictionaryAsync(h => h.CartId, cancellationToken);

            // Releases first: what one cart gives back (a merged guest cart) can go to another in the same change.
            foreach (var request in bySku.OrderBy(r => r.Quantity))
            {
                if (!holds.TryGetValue(request.CartId, out var hold) && request.Quantity == 0)
                {
                    results.Add(new HoldResult(request.CartId, sku, 0, null));
                    continue;
                }

                if (hold is null)
                {
                    hold = new StockHold(request.CartId, sku, now);
                    db.StockHolds().Add(hold);
                    holds[request.CartId] = hold;
                }

                var outcome = await SetAsync(hold, request, holds.Values, now, cancellationToken);
                if (outcome.Shortage is not null)
                {
                    shortages.Add(outcome.Shortage);
                    continue;
                }

                results.Add(new HoldResult(request.CartId, sku, outcome.Held, hold.ExpiresAt));
            }
        }

        if (shortages.Count > 0)
        {
            throw InsufficientStock.For(shortages);
        }

        return results;
    }

    public async Task<LockedHolds> LockHoldsOfAsync(IReadOnlyCollection<string> cartIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // The SKUs to lock, read before any lock. A hold on another SKU cannot appear unseen: a writer adds one only
        // in a change of its cart, and a changed cart is no longer the caller's to delete (or, changing after the
        // caller's claim, waits on it and then finds its cart gone).
        var skus = (await db.StockHolds().AsNoTracking()
                .Where(h => cartIds.Contains(h.CartId) && h.Status == HoldStatus.Active)
                .Select(h => h.Sku)
                .Distinct()
                .ToListAsync(cancellationToken))
            .Order(StringComparer.Ordinal)
            .ToList();
        var tracked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sku in skus)
        {
            if (await StockRows.TryLockAsync(db, sku, now, cancellationToken))
            {
                tracked.Add(sku);
            }
        }

        return new LockedHolds(skus, tracked);
    }

    public async Task ForgetHoldsOfAsync(IReadOnlyCollection<string> cartIds, LockedHolds locked,
        CancellationToken cancellationToken)
    {
        var held = await db.StockHolds().AsNoTracking()
            .Where(h => cartIds.Contains(h.CartId) && h.Status == HoldStatus.Active)
            .GroupBy(h => h.Sku)
            .Select(g => new { Sku = g.Key, Units = g.Sum(h => h.Quantity) })
            .ToListAsync(cancellationToken);
        foreach (var sku in held.OrderBy(h => h.Sku, StringComparer.Ordinal))
        {
            if (!locked.Skus.Contains(sku.Sku, StringComparer.Ordinal))
            {
                throw new HoldsChangedException(sku.Sku);
            }

            if (locked.Tracked.Contains(sku.Sku))
            {
                await StockRows.GiveBackAsync(db, sku.Sku, sku.Units, cancellationToken);
            }
        }

        await db.StockHolds().Where(h => cartIds.Contains(h.CartId)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task CommitAsync(string cartId, IReadOnlyList<StockLine> lines, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var shortages = new List<StockShortage>();
        foreach (var line in lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            if (!await StockRows.TryLockAsync(db, line.Sku, now, cancellationToken))
            {
                continue;
            }

            var hold = await db.StockHolds().SingleOrDefaultAsync(h => h.CartId == cartId && h.Sku == line.Sku,
                cancellationToken);
            var fromHold = hold?.Reserving ?? 0;
            var sold = await StockRows.TrySellAsync(db, line.Sku, line.Quantity, fromHold, cancellationToken);
            if (!sold && line.Quantity > fromHold)
            {
                // Lapsed holds of other carts may be what is in the way.
                await StockRows.ReleaseLapsedAsync(db, timeline, line.Sku, now, [cartId], cancellationToken);
                sold = await StockRows.TrySellAsync(db, line.Sku, line.Quantity, fromHold, cancellationToken);
            }

            if (!sold)
            {
                var available = await StockRows.UnreservedAsync(db, line.Sku, cancellationToken) + fromHold;
                shortages.Add(new StockShortage(line.Sku, line.Quantity, available));
                continue;
            }

            hold?.Commit(now);
        }

        if (shortages.Count > 0)
        {
            throw InsufficientStock.For(shortages);
        }
    }

    public async Task<IReadOnlyDictionary<string, int>> FreeAsync(IReadOnlyCollection<string> skus, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return new Dictionary<string, int>();
        }

        var rows = await db.Stock().AsNoTracking()
            .Where(s => skus.Contains(s.Sku))
            .Select(s => new
            {
                s.Sku,
                Free = s.OnHand - s.Reserved + (db.StockHolds()
                    .Where(h => h.Sku == s.Sku && h.Status == HoldStatus.Active && h.ExpiresAt <= now)
                    .Sum(h => (int?)h.Quantity) ?? 0),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Sku, r => Math.Max(0, r.Free), StringComparer.Ordinal);
    }

    private async Task<(int Held, StockShortage? Shortage)> SetAsync(StockHold hold, HoldRequest request,
        IReadOnlyCollection<StockHold> changing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sku = request.Sku;
        var changingCarts = changing.Select(h => h.CartId).ToList();
        var reserving = hold.Reserving;
        var wanted = request.Quantity;
        var holder = request.Holder ?? hold.Holder;
        var (placedAt, expiresAt) = (now, now + Limits.Duration);
        if (wanted > 0)
        {
            (placedAt, var budgetLeft) = await HolderStateAsync(holder, hold, changing, now, cancellationToken);
            expiresAt = Min(expiresAt, placedAt + Limits.MaxLifetime);
            // A run that used up its lifetime holds nothing, however often the line changes, until a pause.
            wanted = expiresAt <= now ? 0 : Math.Min(wanted, budgetLeft);
        }

        if (wanted > reserving && !await StockRows.TryReserveAsync(db, sku, wanted - reserving, cancellationToken))
        {
            // Lapsed holds of other carts count as reserved until released: release them, then look again.
            await StockRows.ReleaseLapsedAsync(db, timeline, sku, now, changingCarts, cancellationToken);
            if (!await StockRows.TryReserveAsync(db, sku, wanted - reserving, cancellationToken))
            {
                // The row is locked: what is unreserved now stays so until this transaction ends.
                var available = await StockRows.UnreservedAsync(db, sku, cancellationToken) + reserving;
                if (request.Strict)
                {
                    return (0, new StockShortage(sku, request.Requested, available));
                }

                wanted = Math.Min(wanted, available);
                if (wanted > reserving && !await StockRows.TryReserveAsync(db, sku, wanted - reserving, cancellationToken))
                {
                    wanted = reserving;
                }
            }
        }

        if (wanted < reserving)
        {
            await StockRows.GiveBackAsync(db, sku, reserving - wanted, cancellationToken);
        }

        if (wanted > 0)
        {
            hold.Hold(wanted, expiresAt, placedAt, holder, now);
        }
        else if (hold.Status == HoldStatus.Active)
        {
            hold.Release(now);
        }

        return (wanted, null);
    }

    /// <summary>
    /// Where <paramref name="holder"/> stands with the hold's SKU, over all its carts: when its current run of holds
    /// began (its holds that are live or ended less than a pause ago, this cart's included, whoever held it; now when
    /// there are none), and what it may still hold (its budget less its live holds in other carts). One read of the
    /// holder's holds of the SKU touched within a pause, under the SKU's stock-row lock, which every change of the
    /// SKU's holds takes first: two carts of one holder on two instances cannot both spend the same budget. The carts
    /// this change touches are counted as they are in memory (their new holds are not saved yet).
    /// </summary>
    private async Task<(DateTimeOffset RunStart, int BudgetLeft)> HolderStateAsync(string? holder, StockHold hold,
        IReadOnlyCollection<StockHold> changing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (holder is null)
        {
            return (hold.RunStartFor(now, Limits.Duration), int.MaxValue);
        }

        var sku = hold.Sku;
        var since = now - Limits.Duration;
        var changingCarts = changing.Select(h => h.CartId).ToList();
        // ix_stock_holds_holder_sku: one range of the holder's holds of the SKU; those touched within a pause.
        var stored = await db.StockHolds().AsNoTracking()
            .Where(h => h.Holder == holder && h.Sku == sku && !changingCarts.Contains(h.CartId)
                        && ((h.Status == HoldStatus.Active && h.ExpiresAt > since)
                            || (h.Status != HoldStatus.Active && h.UpdatedAt > since)))
            .ToListAsync(cancellationToken);
        var others = stored.Concat(changing.Where(h => h != hold && h.Holder == holder)).ToList();
        var runStart = others.Append(hold)
            .Where(h => h.Quantity > 0 && h.EndedAt + Limits.Duration > now)
            .Select(h => (DateTimeOffset?)h.RunStartFor(now, Limits.Duration))
            .Min() ?? now;
        var held = others.Where(h => h.IsLive(now)).Sum(h => h.Quantity);
        return (runStart, Math.Max(0, Limits.UnitsPerSkuFor(holder) - held));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
