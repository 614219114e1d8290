using System.ComponentModel.DataAnnotations;
using Cart.Domain.Inventory;

namespace Cart.Infrastructure.Inventory;

/// <summary>Soft holds: how long they last, how much one line or cart may hold, and how lapsed ones are swept.</summary>
public sealed class InventoryOptions
{
    public const string SectionName = "Inventory";

    /// <summary>A line's hold lasts this long from its last change.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(1, 999)]
    public int UserUnitsPerLine { get; set; } = 20;

    [Range(1, 100_000)]
    public int UserUnitsPerCart { get; set; } = 200;

    [Range(1, 999)]
    public int GuestUnitsPerLine { get; set; } = 10;

    [Range(1, 100_000)]
    public int GuestUnitsPerCart { get; set; } = 50;

    /// <summary>SKUs one sweep looks up at a time; each SKU is released in a transaction of its own, so no transaction
    /// holds more than one stock row.</summary>
    [Range(1, 10_000)]
    public int ExpirySweepBatchSize { get; set; } = 100;

    public HoldLimits ToLimits() =>
        new(HoldDuration, UserUnitsPerLine, UserUnitsPerCart, GuestUnitsPerLine, GuestUnitsPerCart);
}
