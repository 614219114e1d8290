using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Reporting;

/// <summary>The metric roll-ups: when a period is final, how many SKUs the held-units snapshot and the abandoned units keep, how often the
/// business metrics reread the roll-ups.</summary>
public sealed class ReportingOptions
{
    public const string SectionName = "Reporting";

    /// <summary>How long after its end a period is rolled up once more and then kept as final: a change whose
    /// transaction began before the end commits a moment after it, with its time inside the period.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FinalAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>SKUs the held-units snapshot keeps, those with the most units held first.</summary>
    [Range(1, 10_000)]
    public int HeldSkus { get; set; } = 50;

    /// <summary>SKUs each period's abandoned units keep, those with the most units first: a period's rows stay
    /// bounded however many SKUs were left in carts.</summary>
    [Range(1, 10_000)]
    public int AbandonedSkus { get; set; } = 50;

    /// <summary>How often each instance rereads the latest roll-ups for <c>/metrics</c> (never on a scrape).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MetricsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
