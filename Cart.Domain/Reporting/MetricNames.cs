namespace Cart.Domain.Reporting;

/// <summary>
/// The figures a roll-up holds, as stored (never rename one). docs/DESIGN.md, "Roll-ups and business metrics", defines
/// each. A figure whose denominator is zero in a period (a rate, an average) is absent, not zero.
/// </summary>
public static class MetricNames
{
    public const string CartsCreated = "carts_created";
    public const string ActiveCarts = "active_carts";
    public const string CartsWithItems = "carts_with_items";
    public const string Checkouts = "checkouts";

    /// <summary>A fraction from 0 to 1.</summary>
    public const string AbandonmentRate = "abandonment_rate";

    /// <summary>A fraction from 0 to 1.</summary>
    public const string CheckoutConversion = "checkout_conversion";

    public const string AverageLinesPerCart = "average_lines_per_cart";

    /// <summary>By currency (the dimension is the ISO 4217 code).</summary>
    public const string AverageCartValue = "average_cart_value";

    public const string RemindersSent = "reminders_sent";
    public const string ReminderLinksOpened = "reminder_links_opened";
    public const string RecoveredCarts = "recovered_carts";

    /// <summary>By currency (the dimension is the ISO 4217 code).</summary>
    public const string RecoveredRevenue = "recovered_revenue";

    /// <summary>By SKU (the dimension): units of the lines of the period's carts with items that were not checked
    /// out in it; only the SKUs with the most are kept.</summary>
    public const string AbandonedUnits = "abandoned_units";

    /// <summary>Snapshot only, by SKU (the dimension): units held now by active, unexpired holds.</summary>
    public const string UnitsHeld = "units_held";
}
