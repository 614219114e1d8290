using Cart.Domain.Reporting;

namespace Cart.Web.Admin.Dashboard;

/// <summary>
/// What the dashboard shows for one <see cref="DashboardPeriod"/>: its figures and those of the period before, each
/// roll-up period of it for the charts, the top abandoned and held SKUs, and how fresh it all is.
/// </summary>
public sealed record DashboardReport(
    DashboardPeriod Period,
    DashboardTotals Current,
    DashboardTotals Previous,
    IReadOnlyList<MetricPeriod> Periods,
    IReadOnlyList<SkuUnits> TopAbandoned,
    IReadOnlyList<SkuUnits> TopHeld,
    decimal? UnitsHeldNow,
    DateTimeOffset? AsOf,
    bool IsOpen)
{
    /// <summary>SKUs each top list shows.</summary>
    public const int TopSkus = 10;

    /// <summary>False when nothing has been rolled up for the period, and no snapshot either.</summary>
    public bool HasData => Current.HasData || UnitsHeldNow is not null;
}

/// <summary>Units of one SKU (abandoned in a period, or held now).</summary>
public sealed record SkuUnits(string Sku, decimal Units);
