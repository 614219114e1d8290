using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// What a reminder's links do: the way back to the cart, the landing that counts it, and the unsubscribe. Following
/// the link changes nothing (mail scanners fetch every link of a message); only the landing, reported by the
/// reminder's own shopper, records the click.
/// </summary>
public sealed class ReminderLinkActions(CartDbContext db, ICartTimeline timeline, TimeProvider clock)
{
    /// <summary>The cart the reminder is about; null for no such reminder. Reads only.</summary>
    public Task<string?> CartOfAsync(string reminderId, CancellationToken cancellationToken) =>
        db.Set<Reminder>().AsNoTracking().Where(r => r.Id == reminderId).Select(r => r.CartId)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Records that <paramref name="caller"/> came back to the cart from the reminder's link: the first landing sets
    /// the reminder's <c>link_opened_at</c> and adds <c>reminder_link_opened</c> to the cart's timeline, once (a
    /// conditional update decides which is first); later ones change nothing. Only the reminder's own shopper lands.
    /// </summary>
    public async Task<LandingOutcome> LandAsync(string reminderId, CartOwner caller, CancellationToken cancellationToken)
    {
        var reminder = await db.Set<Reminder>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == reminderId, cancellationToken);
        if (reminder is null)
        {
            return LandingOutcome.NoSuchReminder;
        }

        if (reminder.Owner != caller)
        {
            return LandingOutcome.NotTheOwner;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var first = await db.Set<Reminder>().Where(r => r.Id == reminderId && r.LinkOpenedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LinkOpenedAt, now), cancellationToken) == 1;
        if (first)
        {
            timeline.Record(reminder.CartId, reminder.Owner,
                new CartActivity(CartActivityTypes.ReminderLinkOpened, Quantity: reminder.Step, Detail: reminder.Id),
                CartActor.Shopper(reminder.Owner), now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return LandingOutcome.Landed;
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

/// <summary>What reporting a landing came to.</summary>
public enum LandingOutcome
{
    /// <summary>Recorded now, or already by an earlier landing.</summary>
    Landed,
    NoSuchReminder,

    /// <summary>The reminder is another shopper's: nothing recorded.</summary>
    NotTheOwner,
}
