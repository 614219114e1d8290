using Cart.Domain.Reporting;
using Cart.Infrastructure.Reporting;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Dashboard;

/// <summary>Roll-ups written straight into a test host's store (as the job writes them), for the dashboard to read.</summary>
internal static class DashboardRollups
{
    /// <summary>A UTC midnight in the future, as the roll-up tests use: tokens signed now are valid then.</summary>
    public static readonly DateTimeOffset Day = Reporting.ReportingHost.Day;

    /// <summary>A host whose clock reads <paramref name="now"/> and whose roll-up job runs only when a test runs it, so
    /// nothing but the test writes roll-ups.</summary>
    public static CartAppFactory Host(TestDatabase database, DateTimeOffset now) =>
        Reporting.ReportingHost.Create(database, now);

    /// <summary>Stores <paramref name="figures"/> ("metric" or "metric[dimension]" → value) as the roll-up of one
    /// period, computed at <paramref name="asOf"/> (its end by default, final).</summary>
    public static async Task SeedAsync(this CartAppFactory host, PeriodKind kind, DateTimeOffset start,
        IReadOnlyDictionary<string, decimal> figures, DateTimeOffset? asOf = null, bool isFinal = true)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<RollupStore>();
        var end = kind == PeriodKind.Hour ? start.AddHours(1) : start.AddDays(1);
        await store.ReplaceAsync(kind, start, asOf ?? end, isFinal, figures.Select(Figure).ToList(),
            CancellationToken.None);
    }

    private static MetricFigure Figure(KeyValuePair<string, decimal> entry)
    {
        var open = entry.Key.IndexOf('[', StringComparison.Ordinal);
        return open < 0
            ? new MetricFigure(entry.Key, MetricFigure.NoDimension, entry.Value)
            : new MetricFigure(entry.Key[..open], entry.Key[(open + 1)..^1], entry.Value);
    }
}
