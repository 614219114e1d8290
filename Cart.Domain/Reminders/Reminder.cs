using Cart.Domain.Common;

namespace Cart.Domain.Reminders;

/// <summary>
/// One abandonment reminder: step <see cref="Step"/> of the sequence about cart <see cref="CartId"/> at
/// <see cref="CartVersion"/> (one idle period). Inserted, and committed, before its email is sent: the unique
/// (cart, version, step) decides which instance sends it, and a crash never sends it twice.
/// </summary>
public sealed class Reminder
{
    public const string IdPrefix = "rem_";

    private Reminder()
    {
        Id = string.Empty;
        CartId = string.Empty;
        OwnerId = string.Empty;
        Email = string.Empty;
    }

    public Reminder(string cartId, long cartVersion, int step, string ownerId, string email, DateTimeOffset now)
    {
        Id = IdPrefix + Ulid.NewUlid(now);
        CartId = cartId;
        CartVersion = cartVersion;
        Step = step;
        OwnerId = ownerId;
        Email = email;
        Status = ReminderStatus.Pending;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public string Id { get; private set; }

    public string CartId { get; private set; }

    public long CartVersion { get; private set; }

    /// <summary>1 for the first reminder of an idle period, 2 for the second, ...</summary>
    public int Step { get; private set; }

    /// <summary>The user id of the cart's owner (reminders go to signed-in shoppers only).</summary>
    public string OwnerId { get; private set; }

    /// <summary>The normalised address it goes to.</summary>
    public string Email { get; private set; }

    public ReminderStatus Status { get; private set; }

    /// <summary>Send attempts claimed so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>When a pending reminder may be tried (again).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The first time the reminder's shopper landed on the cart from the email's link, as the storefront
    /// reported it; a fetch of the link alone (a mail scanner's) is not one.</summary>
    public DateTimeOffset? LinkOpenedAt { get; private set; }

    /// <summary>Why the last attempt failed, or why the reminder was skipped.</summary>
    public string? LastError { get; private set; }

    public CartOwner Owner => CartOwner.User(OwnerId);
}

/// <summary>Where a reminder is in its life. Stored; never rename one.</summary>
public enum ReminderStatus
{
    /// <summary>Recorded, to be sent at <see cref="Reminder.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>An instance claimed it and is sending. Left so by a crash mid-send: never tried again (at most once).</summary>
    Sending,

    Sent,

    /// <summary>Every attempt failed, or an attempt's outcome is unknown.</summary>
    Failed,

    /// <summary>Not sent: by the time it was due the cart had changed, closed, run out of stock, or the address unsubscribed.</summary>
    Skipped,
}
