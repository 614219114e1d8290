namespace Cart.Domain.Reminders;

/// <summary>The address a signed-in shopper's reminders go to (from the token's <c>email</c> claim).</summary>
public sealed class ShopperEmail(string userId, string email, DateTimeOffset updatedAt)
{
    public string UserId { get; private set; } = userId;

    public string Email { get; set; } = email;

    public DateTimeOffset UpdatedAt { get; set; } = updatedAt;
}

/// <summary>An address that asked for no more reminders (normalised, <see cref="EmailAddresses"/>).</summary>
public sealed class ReminderUnsubscribe(string email, DateTimeOffset at)
{
    public string Email { get; private set; } = email;

    public DateTimeOffset At { get; private set; } = at;
}

/// <summary>
/// An order credited to a reminder: checked out within the recovery window after the reminder's link was followed.
/// Keyed by the order, so an order is credited once however many instances look.
/// </summary>
public sealed class ReminderRecovery(string orderId, string reminderId, string cartId, int step, decimal revenue,
    string currency, DateTimeOffset at)
{
    public string OrderId { get; private set; } = orderId;

    public string ReminderId { get; private set; } = reminderId;

    public string CartId { get; private set; } = cartId;

    public int Step { get; private set; } = step;

    /// <summary>The order's total.</summary>
    public decimal Revenue { get; private set; } = revenue;

    public string Currency { get; private set; } = currency;

    public DateTimeOffset At { get; private set; } = at;
}

/// <summary>
/// How far the scan for carts due a reminder step has got: every cart last changed at or before
/// <see cref="ScannedTo"/> has been looked at for that step. Each pass reads only carts idle since then.
/// </summary>
public sealed class ReminderScanPosition(int step, DateTimeOffset scannedTo)
{
    public int Step { get; private set; } = step;

    public DateTimeOffset ScannedTo { get; set; } = scannedTo;
}
