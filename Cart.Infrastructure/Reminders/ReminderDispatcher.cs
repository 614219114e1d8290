using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// Sends the recorded reminders that are due, at most once each. An attempt is claimed first, with a conditional
/// update committed before the send (pending with this many attempts → sending): of several instances, one claims it.
/// Then the cart is looked at again (still active at the reminder's version, some line in stock, the address still
/// subscribed) and the email sent. Sent → <c>reminder_sent</c> on the cart's timeline. Certainly not sent
/// (<see cref="EmailNotSentException"/>) → pending again after a pause that doubles, or failed after
/// <c>Reminders:MaxSendAttempts</c>. Any other failure, or a crash mid-send, leaves it failed or sending: the
/// message may have gone, so it is never sent again (at most once, not at least once).
/// </summary>
public sealed partial class ReminderDispatcher(
    CartDbContext db,
    ICartDirectory carts,
    ICartTimeline timeline,
    IProductCatalog catalog,
    IStockHolds stock,
    IEmailSender email,
    ReminderLinks links,
    IOptions<RemindersOptions> options,
    ILogger<ReminderDispatcher> logger)
{
    public static readonly CartActor Actor = CartActor.Job("reminders");

    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sent = 0;
        var batchSize = options.Value.BatchSize;
        while (true)
        {
            var due = await db.Set<Reminder>().AsNoTracking()
                .Where(r => r.Status == ReminderStatus.Pending && r.NextAttemptAt <= now)
                .OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.Attempts })
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var reminder in due)
            {
                if (await TryClaimAsync(reminder.Id, reminder.Attempts, cancellationToken)
                    && await SendAsync(reminder.Id, now, cancellationToken))
                {
                    sent++;
                }
            }

            if (due.Count < batchSize)
            {
                return sent;
            }
        }
    }

    private async Task<bool> TryClaimAsync(string id, int attempts, CancellationToken cancellationToken) =>
        await db.Set<Reminder>()
            .Where(r => r.Id == id && r.Status == ReminderStatus.Pending && r.Attempts == attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Sending)
                .SetProperty(r => r.Attempts, attempts + 1), cancellationToken) == 1;

    private async Task<bool> SendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reminder = await db.Set<Reminder>().AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        EmailMessage? message;
        string skipped;
        try
        {
            (message, skipped) = await ComposeAsync(reminder, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was sent: the attempt goes back as a failed try (a database blip must not lose the reminder).
            LogNotSent(logger, e, id, reminder.Attempts, reminder.Attempts >= options.Value.MaxSendAttempts);
            await RetryOrGiveUpAsync(reminder, now, "could not compose: " + e.Message, CancellationToken.None);
            throw;
        }

        if (message is null)
        {
            await FinishAsync(id, ReminderStatus.Skipped, null, skipped, cancellationToken);
            return false;
        }

        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (EmailNotSentException e)
        {
            LogNotSent(logger, e, id, reminder.Attempts, reminder.Attempts >= options.Value.MaxSendAttempts);
            await RetryOrGiveUpAsync(reminder, now, e.Message, cancellationToken);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogOutcomeUnknown(logger, e, id);
            await FinishAsync(id, ReminderStatus.Failed, null, Truncate("outcome unknown: " + e.Message), cancellationToken);
            return false;
        }

        await RecordSentAsync(reminder, now, cancellationToken);
        return true;
    }

    /// <summary>The email, or null and the reason it is not to be sent.</summary>
    private async Task<(EmailMessage? Message, string Reason)> ComposeAsync(Reminder reminder, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var cart = await carts.ContentsAsync(reminder.CartId, cancellationToken);
        if (cart is null || cart.Cart.Status != CartStatus.Active || cart.Cart.Version != reminder.CartVersion
            || cart.Lines.Count == 0)
        {
            return (null, "the cart changed or closed");
        }

        if (await db.Set<ReminderUnsubscribe>().AnyAsync(u => u.Email == reminder.Email, cancellationToken))
        {
            return (null, "the address unsubscribed");
        }

        var skus = cart.Lines.Select(l => l.Sku).ToList();
        var free = await stock.FreeAsync(skus, now, cancellationToken);
        var inStock = cart.Lines.Any(l => !free.TryGetValue(l.Sku, out var units) || units > 0
                                          || (l.HeldQuantity > 0 && l.HoldExpiresAt > now));
        if (!inStock)
        {
            return (null, "every line is out of stock");
        }

        var products = await catalog.FindAsync(skus, cancellationToken);
        var message = ReminderEmailComposer.Compose(reminder, cart.Lines, products, cart.Currency ?? string.Empty,
            links.RecoveryUrl(reminder.Id), links.UnsubscribeUrl(reminder.Id));
        return (message, string.Empty);
    }

    private async Task RecordSentAsync(Reminder reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Set<Reminder>().Where(r => r.Id == reminder.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Sent)
                .SetProperty(r => r.SentAt, now)
                .SetProperty(r => r.LastError, (string?)null), CancellationToken.None);
        timeline.Record(reminder.CartId, reminder.Owner,
            new CartActivity(CartActivityTypes.ReminderSent, Quantity: reminder.Step, Detail: reminder.Id), Actor, now);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    /// <summary>A try that certainly sent nothing: pending again after a pause that doubles with each try, or failed
    /// after the last.</summary>
    private Task RetryOrGiveUpAsync(Reminder reminder, DateTimeOffset now, string error,
        CancellationToken cancellationToken)
    {
        var giveUp = reminder.Attempts >= options.Value.MaxSendAttempts;
        var pause = options.Value.RetryDelay * Math.Pow(2, reminder.Attempts - 1);
        return FinishAsync(reminder.Id, giveUp ? ReminderStatus.Failed : ReminderStatus.Pending, now + pause,
            Truncate(error), cancellationToken);
    }

    private async Task FinishAsync(string id, ReminderStatus status, DateTimeOffset? nextAttemptAt, string? error,
        CancellationToken cancellationToken)
    {
        await db.Set<Reminder>().Where(r => r.Id == id)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(r => r.Status, status).SetProperty(r => r.LastError, error);
                if (nextAttemptAt is { } next)
                {
                    s.SetProperty(r => r.NextAttemptAt, next);
                }
            }, cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];

    [LoggerMessage(LogLevel.Warning, "Reminder {ReminderId} was not sent (attempt {Attempt}; giving up: {GivingUp})")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string reminderId, int attempt, bool givingUp);

    [LoggerMessage(LogLevel.Error, "Sending reminder {ReminderId} failed midway; it may have been sent, so it is not tried again")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, string reminderId);
}
