using Cart.Domain.Carts;
using Cart.Domain.Checkout;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// Credits checkouts to reminders: a cart checked out within <c>Reminders:RecoveryWindow</c> of a sent reminder
/// whose link was followed before the checkout is recovered, its order's total the recovered revenue. The candidates
/// are the reminders whose link was followed within the window (few: the <c>link_opened_at</c> index), the checkout
/// is the cart's <c>checked_out</c> entry (its timeline index), and the credit is one row keyed by the order, inserted
/// with the <c>cart_recovered</c> entry in one transaction: exactly once per order, whichever instance gets there first.
/// When several reminders of the cart were followed, the last one followed before the checkout gets the credit.
/// </summary>
public sealed class RecoveryAttribution(CartDbContext db, IOrderBook orders, ICartTimeline timeline,
    IOptions<RemindersOptions> options)
{
    public async Task<int> AttributeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = options.Value.RecoveryWindow;
        var openedSince = now - window;
        var credited = 0;
        var afterAt = openedSince;
        var afterId = string.Empty;
        var batchSize = options.Value.BatchSize;
        while (true)
        {
            var batch = await db.Set<Reminder>().AsNoTracking()
                .Where(r => r.LinkOpenedAt != null && r.SentAt != null
                            && (r.LinkOpenedAt > afterAt || (r.LinkOpenedAt == afterAt && string.Compare(r.Id, afterId) > 0))
                            && !db.Set<ReminderRecovery>().Any(x => x.CartId == r.CartId))
                .OrderBy(r => r.LinkOpenedAt).ThenBy(r => r.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var cart in batch.GroupBy(r => r.CartId))
            {
                if (await TryCreditAsync(cart.Key, window, now, cancellationToken))
                {
                    credited++;
                }
            }

            if (batch.Count < batchSize)
            {
                return credited;
            }

            (afterAt, afterId) = (batch[^1].LinkOpenedAt!.Value, batch[^1].Id);
        }
    }

    private async Task<bool> TryCreditAsync(string cartId, TimeSpan window, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // The cart's order, from the Checkout module: placed in the same transaction, at the same moment, as the cart
        // was checked out.
        var order = await orders.FindOfCartAsync(cartId, cancellationToken);
        if (order is null)
        {
            return false;
        }

        // Every reminder of the cart, not only this batch's: the last followed before the checkout gets the credit.
        var reminders = await db.Set<Reminder>().AsNoTracking()
            .Where(r => r.CartId == cartId && r.LinkOpenedAt != null && r.SentAt != null)
            .ToListAsync(cancellationToken);
        var credited = reminders
            .Where(r => r.LinkOpenedAt <= order.CreatedAt && r.SentAt <= order.CreatedAt
                        && order.CreatedAt <= r.SentAt + window)
            .MaxBy(r => r.LinkOpenedAt);
        if (credited is null || order.Owner != credited.Owner)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new ReminderRecovery(order.OrderId, credited.Id, cartId, credited.Step, order.Total, order.Currency, now));
        timeline.Record(cartId, credited.Owner,
            new CartActivity(CartActivityTypes.CartRecovered, Quantity: credited.Step, Detail: order.OrderId),
            ReminderDispatcher.Actor, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false; // another instance credited this order first
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
