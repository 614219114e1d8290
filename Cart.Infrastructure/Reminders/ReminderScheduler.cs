using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// Records the reminders that are due: for each step of <c>Reminders:Delays</c>, the signed-in shoppers' carts with
/// lines whose last change is now that step's delay old, whose owner has an address that has not unsubscribed. Each
/// pass reads only the carts that became due since the last pass (<see cref="ReminderScanPosition"/>; the Carts
/// module pages them on its <c>updated_at</c> index, <see cref="ICartDirectory.IdleSignedInCartsAsync"/>), never the
/// whole table; each page's owners' addresses and earlier reminders are then read here, on this module's tables. A
/// reminder is inserted and committed on its own; the unique (cart, version, step) makes a second insert, by this pass
/// again or by another instance, fail, so each step of an idle period is recorded once. Sending is <see cref="ReminderDispatcher"/>'s.
/// </summary>
public sealed class ReminderScheduler(CartDbContext db, ICartDirectory carts, IOptions<RemindersOptions> options)
{
    /// <summary>
    /// How far back a pass looks when the scan has no position yet, or fell behind (the jobs were stopped): a reminder
    /// that is a day late is not sent any more.
    /// </summary>
    public static readonly TimeSpan LongestCatchUp = TimeSpan.FromDays(1);

    public async Task<int> ScheduleDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recorded = 0;
        var delays = options.Value.Sequence;
        for (var step = 1; step <= delays.Count; step++)
        {
            recorded += await ScheduleStepAsync(step, now - delays[step - 1], now, cancellationToken);
        }

        return recorded;
    }

    private async Task<int> ScheduleStepAsync(int step, DateTimeOffset dueBy, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var position = await db.Set<ReminderScanPosition>().AsNoTracking()
            .Where(p => p.Step == step).Select(p => (DateTimeOffset?)p.ScannedTo)
            .FirstOrDefaultAsync(cancellationToken);
        var from = position is { } scanned && scanned > dueBy - LongestCatchUp ? scanned : dueBy - LongestCatchUp;
        if (from >= dueBy)
        {
            return 0;
        }

        var recorded = 0;
        var afterAt = from;
        var afterId = string.Empty;
        var batchSize = options.Value.BatchSize;
        while (true)
        {
            var batch = await carts.IdleSignedInCartsAsync(from, dueBy, (afterAt, afterId), batchSize,
                cancellationToken);
            foreach (var (cart, email) in await DueAsync(batch, step, cancellationToken))
            {
                if (await TryRecordAsync(new Reminder(cart.CartId, cart.Version, step, cart.UserId, email, now),
                        cancellationToken))
                {
                    recorded++;
                }
            }

            if (batch.Count < batchSize)
            {
                break;
            }

            (afterAt, afterId) = (batch[^1].ChangedAt, batch[^1].CartId);
        }

        await AdvanceAsync(step, dueBy, cancellationToken);
        return recorded;
    }

    /// <summary>
    /// The carts of <paramref name="idle"/> due this step, in their order, each with its owner's address: the owner
    /// has an address that has not unsubscribed, and this step of this idle period (the cart's version) has no
    /// reminder yet.
    /// </summary>
    private async Task<List<(IdleCart Cart, string Email)>> DueAsync(IReadOnlyList<IdleCart> idle, int step,
        CancellationToken cancellationToken)
    {
        if (idle.Count == 0)
        {
            return [];
        }

        var users = idle.Select(c => c.UserId).Distinct(StringComparer.Ordinal).ToList();
        var cartIds = idle.Select(c => c.CartId).ToList();
        var emails = await db.Set<ShopperEmail>().AsNoTracking()
            .Where(e => users.Contains(e.UserId) && !db.Set<ReminderUnsubscribe>().Any(u => u.Email == e.Email))
            .ToDictionaryAsync(e => e.UserId, e => e.Email, StringComparer.Ordinal, cancellationToken);
        var remembered = (await db.Set<Reminder>().AsNoTracking()
                .Where(r => cartIds.Contains(r.CartId) && r.Step == step)
                .Select(r => new { r.CartId, r.CartVersion })
                .ToListAsync(cancellationToken))
            .Select(r => (r.CartId, r.CartVersion))
            .ToHashSet();
        return idle
            .Where(c => emails.ContainsKey(c.UserId) && !remembered.Contains((c.CartId, c.Version)))
            .Select(c => (c, emails[c.UserId]))
            .ToList();
    }

    private async Task<bool> TryRecordAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.Add(reminder);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false; // another pass recorded this step of this idle period first
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Moves the step's position forward to <paramref name="dueBy"/>, never back (another instance's pass
    /// may have gone further).</summary>
    private async Task AdvanceAsync(int step, DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var moved = await db.Set<ReminderScanPosition>()
            .Where(p => p.Step == step && p.ScannedTo < dueBy)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ScannedTo, dueBy), cancellationToken);
        if (moved > 0 || await db.Set<ReminderScanPosition>().AnyAsync(p => p.Step == step, cancellationToken))
        {
            return;
        }

        db.Add(new ReminderScanPosition(step, dueBy));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // another instance made the row at the same moment; its position is as good as this one
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
