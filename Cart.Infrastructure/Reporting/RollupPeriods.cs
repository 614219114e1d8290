using Cart.Domain.Reporting;

namespace Cart.Infrastructure.Reporting;

/// <summary>A period to roll up: its kind and [Start, End).</summary>
public readonly record struct RollupPeriod(PeriodKind Kind, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The one key the held-units snapshot is stored under.</summary>
    public static readonly DateTimeOffset SnapshotStart = DateTimeOffset.UnixEpoch;

    public static RollupPeriod DayOf(DateTimeOffset at)
    {
        var start = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return new RollupPeriod(PeriodKind.Day, start, start.AddDays(1));
    }

    public static RollupPeriod HourOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var start = new DateTimeOffset(utc.Date.AddHours(utc.Hour), TimeSpan.Zero);
        return new RollupPeriod(PeriodKind.Hour, start, start.AddHours(1));
    }

    /// <summary>
    /// The periods a run at <paramref name="now"/> looks at: yesterday and today, and every hour of both up to the
    /// current one. Those already final are skipped by the run; older periods are never revisited.
    /// </summary>
    public static IReadOnlyList<RollupPeriod> Candidates(DateTimeOffset now)
    {
        var today = DayOf(now);
        var yesterday = DayOf(today.Start.AddDays(-1));
        var periods = new List<RollupPeriod> { yesterday, today };
        for (var hour = HourOf(yesterday.Start); hour.Start <= now; hour = HourOf(hour.End))
        {
            periods.Add(hour);
        }

        return periods;
    }
}
