using System.Diagnostics.Metrics;
using Cart.Domain.Reporting;

namespace Cart.Web.Reporting;

/// <summary>
/// The business figures of the latest roll-ups as observable gauges (<see cref="MeterName"/>), labelled
/// <c>period="day"</c> (today, UTC) or <c>period="hour"</c> (the latest hour rolled up). Each observation reads the
/// periods held in memory, never the database: <see cref="LatestRollupsRefresher"/> replaces them every
/// <c>Reporting:MetricsRefreshInterval</c>. Every instance reports the same figures: aggregate with <c>max</c>, never
/// <c>sum</c>, across instances. README ("Operating it") lists the names as scraped.
/// </summary>
public sealed class BusinessMetrics
{
    public const string MeterName = "Cart.Reporting";

    private volatile IReadOnlyList<MetricPeriod> _periods = [];

    public BusinessMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Gauge(meter, "cart.carts_created", MetricNames.CartsCreated, "{cart}", "Carts created in the period.");
        Gauge(meter, "cart.active_carts", MetricNames.ActiveCarts, "{cart}",
            "Carts their shopper changed in the period.");
        Gauge(meter, "cart.carts_with_items", MetricNames.CartsWithItems, "{cart}",
            "Carts that had items put in, or were checked out, in the period (not merged away).");
        Gauge(meter, "cart.average_lines_per_cart", MetricNames.AverageLinesPerCart, "{line}",
            "Average lines of the period's carts with items.");
        Gauge(meter, "cart.abandonment_ratio", MetricNames.AbandonmentRate, "1",
            "Share of the period's carts with items not checked out.");
        Gauge(meter, "cart.checkout_conversion_ratio", MetricNames.CheckoutConversion, "1",
            "Checkouts over active carts in the period.");
        Gauge(meter, "cart.checkouts", MetricNames.Checkouts, "{checkout}", "Checkouts in the period.");
        Gauge(meter, "cart.reminders_sent", MetricNames.RemindersSent, "{reminder}",
            "Abandoned-cart reminders sent in the period.");
        Gauge(meter, "cart.reminder_links_opened", MetricNames.ReminderLinksOpened, "{reminder}",
            "Reminders whose link was first opened in the period.");
        Gauge(meter, "cart.recovered_carts", MetricNames.RecoveredCarts, "{cart}",
            "Carts checked out after a reminder in the period.");
        Gauge(meter, "cart.recovered_revenue", MetricNames.RecoveredRevenue, null,
            "Order totals of the period's recovered carts, by currency (in units of the currency attribute).",
            "currency");
        Gauge(meter, "cart.average_cart_value", MetricNames.AverageCartValue, null,
            "Average value of the period's carts with items, by currency (in units of the currency attribute).",
            "currency");
        meter.CreateObservableGauge("cart.units_held", () => Observe(PeriodKind.Snapshot, MetricNames.UnitsHeld, "sku"),
            "{unit}", "Units held now by active, unexpired holds, for the SKUs with the most (Reporting:HeldSkus).");
        meter.CreateObservableGauge("cart.rollup.timestamp", ObserveAsOf, "s",
            "When the latest roll-up of the period was computed (Unix time): how old the other gauges are.");
    }

    /// <summary>The latest period of each kind there is (day, hour, snapshot), as last read.</summary>
    public void Replace(IReadOnlyList<MetricPeriod> periods) => _periods = periods;

    private void Gauge(Meter meter, string name, string metric, string? unit, string description,
        string? dimension = null) =>
        meter.CreateObservableGauge(name, () => Observe(PeriodKind.Day, metric, dimension)
            .Concat(Observe(PeriodKind.Hour, metric, dimension)), unit, description);

    private List<Measurement<double>> Observe(PeriodKind kind, string metric, string? dimension)
    {
        var period = _periods.FirstOrDefault(p => p.Kind == kind);
        if (period is null)
        {
            return [];
        }

        var label = new KeyValuePair<string, object?>("period", LabelOf(kind));
        return period.Figures.Where(f => f.Metric == metric)
            .Select(f => dimension is null
                ? new Measurement<double>((double)f.Value, label)
                : new Measurement<double>((double)f.Value, label, new(dimension, f.Dimension)))
            .ToList();
    }

    private List<Measurement<double>> ObserveAsOf() =>
        _periods.Select(p => new Measurement<double>(p.AsOf.ToUnixTimeMilliseconds() / 1000d,
            new KeyValuePair<string, object?>("period", LabelOf(p.Kind)))).ToList();

    private static string LabelOf(PeriodKind kind) => kind.ToString().ToLowerInvariant();
}
