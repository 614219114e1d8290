using Cart.Domain.Reporting;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Dashboard;
using Cart.Web.Admin.Formats;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using static Cart.Web.Admin.Components.Pages.Dashboard.FigureCard;

namespace Cart.Web.Admin.Components.Pages.Dashboard;

/// <summary>
/// The merchandisers' figures for a chosen period beside the period before, from the roll-ups only
/// (<see cref="ReadDashboard"/>): it costs the same at ten carts or ten million.
/// </summary>
public sealed partial class DashboardPage
{
    private DashboardPeriod? _period;
    private DashboardReport? _report;
    private DateRange? _customRange;
    private string? _error;

    /// <summary>For the periods as of now only (the host's clock); the figures are read through the runner.</summary>
    [Inject] private DashboardService Dashboard { get; set; } = null!;

    [Inject] private ConsoleRunner Runner { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    protected override Task OnInitializedAsync() => ShowAsync(Dashboard.Preset(DashboardPeriod.Last7Days));

    private Task ShowPresetAsync(string preset)
    {
        _customRange = null;
        return ShowAsync(Dashboard.Preset(preset));
    }

    private async Task ShowCustomAsync(DateRange? range)
    {
        _customRange = range;
        if (range?.Start is not { } start || range.End is not { } end)
        {
            return;
        }

        var from = DateOnly.FromDateTime(start);
        var to = DateOnly.FromDateTime(end);
        if (to.DayNumber - from.DayNumber + 1 > DashboardPeriod.MaxCustomDays)
        {
            _error = $"A custom range is at most {DashboardPeriod.MaxCustomDays} days.";
            return;
        }

        await ShowAsync(DashboardPeriod.Days(from, to));
    }

    private async Task ShowAsync(DashboardPeriod period)
    {
        _period = period;
        _error = null;
        try
        {
            var read = await Runner.RunAsync(new ReadDashboard(period), (await Authentication).User,
                CancellationToken.None);
            if (read.Value is null)
            {
                _error = read.Message;
                return;
            }

            _report = read.Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database away for a moment: say so and keep the circuit (and the last figures) alive.
            _error = "The figures could not be read just now; try again in a moment.";
        }
    }

    private static IEnumerable<(string Name, string Title, IReadOnlyList<FigureRow> Rows)> Cards(DashboardReport report)
    {
        var (now, before) = (report.Current, report.Previous);
        yield return Counted(MetricNames.ActiveCarts, "Active carts", now, before);
        yield return Counted(MetricNames.CartsWithItems, "Carts with items", now, before);
        yield return Counted(MetricNames.Checkouts, "Checkouts", now, before);
        yield return (MetricNames.AverageLinesPerCart, "Average lines per cart",
            [new(DashboardFormat.Average(now.AverageLines), DashboardFormat.Average(before.AverageLines),
                DashboardFormat.Delta(now.AverageLines, before.AverageLines))]);
        yield return (MetricNames.AverageCartValue, "Average cart value",
            ByCurrency(now.AverageCartValue, before.AverageCartValue));
        yield return Rated(MetricNames.AbandonmentRate, "Abandonment rate", now.AbandonmentRate, before.AbandonmentRate);
        yield return Rated(MetricNames.CheckoutConversion, "Checkout conversion", now.CheckoutConversion,
            before.CheckoutConversion);
        yield return Counted(MetricNames.RemindersSent, "Reminders sent", now, before);
        yield return Counted(MetricNames.RecoveredCarts, "Recovered carts", now, before);
        yield return (MetricNames.RecoveredRevenue, "Recovered revenue",
            ByCurrency(now.RecoveredRevenue, before.RecoveredRevenue));
        yield return (MetricNames.UnitsHeld, "Units held now",
            [new(DashboardFormat.Count(report.UnitsHeldNow), "–", string.Empty)]);
    }

    private static (string, string, IReadOnlyList<FigureRow>) Counted(string metric, string title, DashboardTotals now,
        DashboardTotals before) =>
        (metric, title, [new(DashboardFormat.Count(now.Count(metric)), DashboardFormat.Count(Known(before, metric)),
            DashboardFormat.Delta(now.Count(metric), Known(before, metric)))]);

    /// <summary>A count of a span nothing was rolled up for is unknown, not 0.</summary>
    private static decimal? Known(DashboardTotals totals, string metric) =>
        totals.HasData ? totals.Count(metric) : null;

    private static (string, string, IReadOnlyList<FigureRow>) Rated(string metric, string title, decimal? now,
        decimal? before) =>
        (metric, title, [new(DashboardFormat.Rate(now), DashboardFormat.Rate(before),
            DashboardFormat.Delta(now, before, isRate: true))]);

    private static List<FigureRow> ByCurrency(IReadOnlyDictionary<string, decimal> now,
        IReadOnlyDictionary<string, decimal> before) =>
        now.Keys.Union(before.Keys).Order(StringComparer.Ordinal)
            .Select(c => new FigureRow(ConsoleFormat.Money(Get(now, c), c), ConsoleFormat.Money(Get(before, c), c),
                DashboardFormat.Delta(Get(now, c), Get(before, c))))
            .ToList();

    private static decimal? Get(IReadOnlyDictionary<string, decimal> values, string key) =>
        values.TryGetValue(key, out var value) ? value : null;
}
