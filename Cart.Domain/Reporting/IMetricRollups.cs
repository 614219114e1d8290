namespace Cart.Domain.Reporting;

/// <summary>
/// The stored roll-ups, for readers (the admin dashboard, the business metrics): they read figures already computed
/// by the roll-up job, never the carts themselves.
/// </summary>
public interface IMetricRollups
{
    /// <summary>The periods of <paramref name="kind"/> starting in [<paramref name="from"/>, <paramref name="to"/>),
    /// oldest first; a period never rolled up is absent.</summary>
    Task<IReadOnlyList<MetricPeriod>> PeriodsAsync(PeriodKind kind, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken);

    /// <summary>The most recent period of <paramref name="kind"/> rolled up (for <see cref="PeriodKind.Snapshot"/>,
    /// the latest snapshot), or null if there is none yet.</summary>
    Task<MetricPeriod?> LatestAsync(PeriodKind kind, CancellationToken cancellationToken);
}
