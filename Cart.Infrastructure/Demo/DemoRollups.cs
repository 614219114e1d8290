using Cart.Domain.Reporting;
using Cart.Infrastructure.Reporting;

namespace Cart.Infrastructure.Demo;

/// <summary>
/// Rolls up every hour and day of a span with the roll-up job's own step (<see cref="RollupWriter"/>), then the
/// held-units snapshot: the job itself looks back only to yesterday, so seeded history would otherwise never be
/// rolled up.
/// </summary>
public sealed class DemoRollups(RollupWriter writer)
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

        return await writer.RollUpAsync(periods, now, cancellationToken);
    }
}
