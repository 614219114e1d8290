using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Carts;

/// <summary>The cleanup of inactive carts (the recurring job <see cref="CartCleanupJob.Id"/>).</summary>
public sealed class CartsOptions
{
    public const string SectionName = "Carts";

    /// <summary>
    /// A cart with no activity (<see cref="Domain.Carts.ShoppingCart.LastActiveAt"/>) for this long is deleted. At
    /// least two days: reads are recorded once a day (<see cref="Domain.Carts.CartActivityRules"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "2.00:00:00", "3650.00:00:00")]
    public TimeSpan InactiveAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Carts one transaction deletes at most; each batch locks its carts and their SKUs' stock rows only
    /// while it runs.</summary>
    [Range(1, 10_000)]
    public int CleanupBatchSize { get; set; } = 500;
}
