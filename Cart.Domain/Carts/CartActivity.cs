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
}
