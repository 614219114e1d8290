using Cart.Domain.Reporting;

namespace Cart.Web.Admin.Dashboard;

/// <summary>
/// The dashboard's figures, read from the stored roll-ups only (<see cref="IMetricRollups"/>, on their primary key):
/// at most 60 periods of figures and the snapshot, however many carts there are.
/// </summary>
public sealed class DashboardService(IMetricRollups rollups, TimeProvider clock)
{
    /// <summary>The period a request names, as of now (<see cref="DashboardPeriod.Parse"/>).</summary>
    public (DashboardPeriod? Period, string? Problem) Parse(string? name, string? from, string? to) =>
        DashboardPeriod.Parse(name, from, to, clock.GetUtcNow());

    /// <summary>A preset period as of now.</summary>
    public DashboardPeriod Preset(string name) => DashboardPeriod.Preset(name, clock.GetUtcNow());

    public async Task<DashboardReport> ReportAsync(DashboardPeriod period, CancellationToken cancellationToken)
    {
        var previous = period.Previous;
        // One read covers both spans: they are adjacent.
        var all = await rollups.PeriodsAsync(period.Kind, previous.From, period.To, cancellationToken);
        var current = all.Where(p => p.Start >= period.From).ToList();
        var snapshot = await rollups.LatestAsync(PeriodKind.Snapshot, cancellationToken);
        var totals = new DashboardTotals(current);
        var held = snapshot?.ByDimension(MetricNames.UnitsHeld) ?? new Dictionary<string, decimal>();
        return new DashboardReport(
            period,
            totals,
            new DashboardTotals(all.Where(p => p.Start < period.From).ToList()),
            current,
            Top(totals.AbandonedUnits),
            Top(held),
            snapshot is null ? null : held.Values.Sum(),
            current.Select(p => (DateTimeOffset?)p.AsOf).Append(snapshot?.AsOf).Max(),
            current.Any(p => !p.IsFinal));
    }

    /// <summary>Every stored figure of the period's roll-ups, and the latest snapshot (for the CSV export).</summary>
    public async Task<IReadOnlyList<MetricPeriod>> FiguresAsync(DashboardPeriod period,
        CancellationToken cancellationToken)
    {
        var periods = (await rollups.PeriodsAsync(period.Kind, period.From, period.To, cancellationToken)).ToList();
        if (await rollups.LatestAsync(PeriodKind.Snapshot, cancellationToken) is { } snapshot)
        {
            periods.Add(snapshot);
        }

        return periods;
    }

    private static List<SkuUnits> Top(IReadOnlyDictionary<string, decimal> units) =>
        units.Where(kv => kv.Value > 0)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(DashboardReport.TopSkus)
            .Select(kv => new SkuUnits(kv.Key, kv.Value)).ToList();
}
