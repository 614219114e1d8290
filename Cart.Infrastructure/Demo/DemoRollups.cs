using Cart.Domain.Reporting;
using Cart.Infrastructure.Reporting;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Demo;

/// <summary>
/// Rolls up every hour and day of a span with the roll-up job's own parts (<see cref="RollupCalculator"/>,
/// <see cref="RollupStore"/>) and the same finality rule, then the held-units snapshot: the job itself looks back
/// only to yesterday, so seeded history would otherwise never be rolled up.
/// </summary>
public sealed class DemoRollups(RollupCalculator calculator, RollupStore store, IOptions<ReportingOptions> options)
{
    /// <summary>Rolls up the days and hours from <paramref name="from"/>'s day to <paramref name="now"/>; returns how
    /// many periods it wrote.</summary>
    public async Task<int> RollUpAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var periods = new List<RollupPeriod>();
        for (var day = RollupPeriod.DayOf(from); day.Start <= now; day = RollupPeriod.DayOf(day.End))
        {
            periods.Add(day);
            for (var hour = RollupPeriod.HourOf(day.Start); hour.Start < day.End && hour.Start <= now;
                 hour = RollupPeriod.HourOf(hour.End))
            {
                periods.Add(hour);
            }
        }

        var written = 0;
        foreach (var period in periods)
        {
            var figures = await calculator.ComputeAsync(period, cancellationToken);
            var isFinal = now >= period.End + options.Value.FinalAfter;
            if (await store.ReplaceAsync(period.Kind, period.Start, now, isFinal, figures, cancellationToken))
            {
                written++;
            }
        }

        var held = await calculator.HeldUnitsAsync(now, cancellationToken);
        await store.ReplaceAsync(PeriodKind.Snapshot, RollupPeriod.SnapshotStart, now, false, held, cancellationToken);
        return written;
    }
}
