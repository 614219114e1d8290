namespace Cart.Domain.Carts;

/// <summary>
/// Something that happened to a cart, as its timeline records it (the admin console's history and the abandonment
/// figures read it). <see cref="Type"/> is one of <see cref="CartActivityTypes"/>.
/// </summary>
public sealed record CartActivity(string Type, string? Sku = null, int? Quantity = null, string? Detail = null);

/// <summary>The kinds of entries in a cart's timeline. Stored; never rename one.</summary>
public static class CartActivityTypes
{
    public const string ItemAdded = "item_added";
    public const string QuantityChanged = "quantity_changed";
    public const string ItemRemoved = "item_removed";
    public const string CartCleared = "cart_cleared";
    public const string MergedIn = "merged_in";
    public const string MergedAway = "merged_away";
    public const string PricesAccepted = "prices_accepted";
    public const string PricesLowered = "prices_lowered";
    public const string CheckedOut = "checked_out";
    public const string HoldPlaced = "hold_placed";
    public const string HoldReleased = "hold_released";
    public const string HoldExpired = "hold_expired";
    public const string HoldCommitted = "hold_committed";

    /// <summary>Support restored a removed line as it was (SKU, quantity, price at add). <see cref="CartActivity.Detail"/>:
    /// the price, as an <see cref="CartActivityTypes.ItemRemoved"/> entry records it.</summary>
    public const string LineRestored = "line_restored";

    /// <summary>Support renewed a line's stock hold for the normal duration (the hold entry that follows has the expiry).</summary>
    public const string HoldExtended = "hold_extended";

    /// <summary>The cleanup deleted the cart (inactive past <c>Carts:InactiveAfter</c>); the last entry of its
    /// timeline. Actor: the job <c>cart-cleanup</c>.</summary>
    public const string CartDeleted = "cart_deleted";

    /// <summary>An abandonment reminder about this cart was sent. <see cref="CartActivity.Quantity"/>: its step in
    /// the sequence (1, 2, ...); <see cref="CartActivity.Detail"/>: the reminder's id. Actor: the job
    /// <c>reminders</c>.</summary>
    public const string ReminderSent = "reminder_sent";

    /// <summary>The shopper followed a reminder's link back to the cart. <see cref="CartActivity.Detail"/>: the
    /// reminder's id. Recorded once per reminder (the first click).</summary>
    public const string ReminderLinkOpened = "reminder_link_opened";

    /// <summary>The cart was checked out within the recovery window of a reminder whose link was used: recovered
    /// revenue. <see cref="CartActivity.Detail"/>: the order's id (its total is the revenue);
    /// <see cref="CartActivity.Quantity"/>: the reminder's step. Recorded once per order.</summary>
    public const string CartRecovered = "cart_recovered";
}
