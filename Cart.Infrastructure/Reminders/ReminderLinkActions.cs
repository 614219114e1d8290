using Cart.Domain.Carts;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Reminders;

/// <summary>What following a reminder's links does: the click on the way back to the cart, and the unsubscribe.</summary>
public sealed class ReminderLinkActions(CartDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Records the first click of the reminder's link (<c>reminder_link_opened</c> on the cart's timeline, once: a
    /// conditional update decides which click is first) and returns the reminder's cart id; null for no such reminder.
    /// </summary>
    public async Task<string?> OpenAsync(string reminderId, CancellationToken cancellationToken)
    {
        var reminder = await db.Set<Reminder>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == reminderId, cancellationToken);
        if (reminder is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var first = await db.Set<Reminder>().Where(r => r.Id == reminderId && r.LinkOpenedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LinkOpenedAt, now), cancellationToken) == 1;
        if (first)
        {
            db.CartEvents.Add(new CartEvent(reminder.CartId, reminder.Owner,
                new CartActivity(CartActivityTypes.ReminderLinkOpened, Quantity: reminder.Step, Detail: reminder.Id),
                CartActor.Shopper(reminder.Owner), now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return reminder.CartId;
    }

    /// <summary>Stops every reminder to the address the reminder went to. Idempotent. False for no such reminder.</summary>
    public async Task<bool> UnsubscribeAsync(string reminderId, CancellationToken cancellationToken)
    {
        var address = await db.Set<Reminder>().AsNoTracking().Where(r => r.Id == reminderId)
            .Select(r => r.Email).SingleOrDefaultAsync(cancellationToken);
        if (address is null)
        {
            return false;
        }

        if (await db.Set<ReminderUnsubscribe>().AnyAsync(u => u.Email == address, cancellationToken))
        {
            return true;
        }

        db.Add(new ReminderUnsubscribe(address, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // the same click twice at once: unsubscribed either way
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return true;
    }
}
