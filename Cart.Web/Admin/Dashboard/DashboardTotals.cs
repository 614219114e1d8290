using Cart.Domain.Reporting;

namespace Cart.Web.Admin.Dashboard;

/// <summary>
/// The figures of several roll-up periods as one: counts and money are summed (a cart active in two periods counts in
/// each), rates are recomputed from the summed counts by their own definitions, and averages are weighted by each
/// period's carts with items. Absent where the periods hold no figure to build it from: "no figure" is not 0.
/// </summary>
public sealed class DashboardTotals
{
    /// <summary>The figures summed as they are.</summary>
    public static readonly IReadOnlyList<string> Counts =
    [
        MetricNames.CartsCreated, MetricNames.ActiveCarts, MetricNames.CartsWithItems, MetricNames.Checkouts,
        MetricNames.RemindersSent, MetricNames.ReminderLinksOpened, MetricNames.RecoveredCarts,
    ];

    private readonly Dictionary<string, decimal> _counts;

    public DashboardTotals(IReadOnlyList<MetricPeriod> periods)
    {
        HasData = periods.Count > 0;
        _counts = Counts.ToDictionary(m => m, m => periods.Sum(p => p.Value(m) ?? 0), StringComparer.Ordinal);
        var withItems = Count(MetricNames.CartsWithItems);
        var active = Count(MetricNames.ActiveCarts);
        var checkouts = Count(MetricNames.Checkouts);
        AbandonmentRate = withItems > 0 ? (withItems - checkouts) / withItems : null;
        CheckoutConversion = active > 0 ? checkouts / active : null;
        AverageLines = Weighted(periods, p => p.Value(MetricNames.AverageLinesPerCart));
        AverageCartValue = periods.SelectMany(p => p.ByDimension(MetricNames.AverageCartValue).Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ToDictionary(c => c, c => Weighted(periods, p => p.Value(MetricNames.AverageCartValue, c))!.Value,
                StringComparer.Ordinal);
        RecoveredRevenue = SumByDimension(periods, MetricNames.RecoveredRevenue);
        AbandonedUnits = SumByDimension(periods, MetricNames.AbandonedUnits);
    }

    /// <summary>False when no period of the span was rolled up.</summary>
    public bool HasData { get; }

    public decimal? AbandonmentRate { get; }

    public decimal? CheckoutConversion { get; }

    public decimal? AverageLines { get; }

    /// <summary>By currency.</summary>
    public IReadOnlyDictionary<string, decimal> AverageCartValue { get; }

    /// <summary>By currency.</summary>
    public IReadOnlyDictionary<string, decimal> RecoveredRevenue { get; }

    /// <summary>By SKU: the sum of each period's kept SKUs.</summary>
    public IReadOnlyDictionary<string, decimal> AbandonedUnits { get; }

    /// <summary>A summed count (one of <see cref="Counts"/>).</summary>
    public decimal Count(string metric) => _counts[metric];

    private static decimal? Weighted(IReadOnlyList<MetricPeriod> periods, Func<MetricPeriod, decimal?> average)
    {
        var weighed = periods.Select(p => (Value: average(p), Weight: p.Value(MetricNames.CartsWithItems) ?? 0))
            .Where(x => x.Value is not null && x.Weight > 0).ToList();
        var weight = weighed.Sum(x => x.Weight);
        return weight == 0 ? null : Math.Round(weighed.Sum(x => x.Value!.Value * x.Weight) / weight, 4);
    }

    private static Dictionary<string, decimal> SumByDimension(IReadOnlyList<MetricPeriod> periods, string metric) =>
        periods.SelectMany(p => p.ByDimension(metric))
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
}
