using System.ComponentModel.DataAnnotations;
using Cart.Domain.Inventory;

namespace Cart.Infrastructure.Inventory;

/// <summary>Soft holds: how long they last, how much one line or cart may hold, and how lapsed ones are swept.</summary>
public sealed class InventoryOptions : IValidatableObject
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

    /// <summary>What one signed-in shopper's holds of one SKU add up to at most, over all their carts.</summary>
    [Range(1, 100_000)]
    public int UserUnitsPerSku { get; set; } = 20;

    /// <summary>What guests' holds of one SKU add up to at most from one client address (an IPv6 /64), over all their
    /// sessions: a bot starts as many guest sessions as the rate limit lets it.</summary>
    [Range(1, 100_000)]
    public int GuestUnitsPerSkuPerAddress { get; set; } = 20;

    /// <summary>A hold's run lasts at most this long, however often its line changes; it then lapses, and the cart's
    /// line holds that SKU again only after a pause of one <see cref="HoldDuration"/>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan HoldMaxLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>SKUs one sweep looks up at a time; each SKU is released in a transaction of its own, so no transaction
    /// holds more than one stock row.</summary>
    [Range(1, 10_000)]
    public int ExpirySweepBatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HoldMaxLifetime < HoldDuration)
        {
            yield return new ValidationResult(
                $"{nameof(HoldMaxLifetime)} must be at least {nameof(HoldDuration)}: every hold would be cut short.",
                [nameof(HoldMaxLifetime)]);
        }
    }

    public HoldLimits ToLimits() =>
        new(HoldDuration, UserUnitsPerLine, UserUnitsPerCart, GuestUnitsPerLine, GuestUnitsPerCart, UserUnitsPerSku,
            GuestUnitsPerSkuPerAddress, HoldMaxLifetime);
}
