using Cart.Domain.Reporting;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Reporting;

/// <summary>The stored roll-ups read by period, on the tables' primary keys; never the source tables.</summary>
public sealed class EfMetricRollups(CartDbContext db) : IMetricRollups
{
    public async Task<IReadOnlyList<MetricPeriod>> PeriodsAsync(PeriodKind kind, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken)
    {
        var periods = await db.RollupPeriods().AsNoTracking()
            .Where(p => p.Kind == kind && p.Start >= from && p.Start < to && p.AsOf > DateTimeOffset.UnixEpoch)
            .ToListAsync(cancellationToken);
        var rows = await db.MetricRollups().AsNoTracking()
            .Where(r => r.Kind == kind && r.Start >= from && r.Start < to)
            .ToListAsync(cancellationToken);
        var byPeriod = rows.ToLookup(r => r.Start);
        return periods.OrderBy(p => p.Start)
            .Select(p => ToPeriod(p, byPeriod[p.Start]))
            .ToList();
    }

    public async Task<MetricPeriod?> LatestAsync(PeriodKind kind, CancellationToken cancellationToken)
    {
        var period = await db.RollupPeriods().AsNoTracking()
            .Where(p => p.Kind == kind && p.AsOf > DateTimeOffset.UnixEpoch)
            .OrderByDescending(p => p.Start)
            .FirstOrDefaultAsync(cancellationToken);
        if (period is null)
        {
            return null;
        }

        var rows = await db.MetricRollups().AsNoTracking()
            .Where(r => r.Kind == kind && r.Start == period.Start)
            .ToListAsync(cancellationToken);
        return ToPeriod(period, rows);
    }

    private static MetricPeriod ToPeriod(RollupPeriodRow period, IEnumerable<MetricRollupRow> rows) =>
        new(period.Kind, period.Start, period.AsOf, period.IsFinal,
            rows.OrderBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.Dimension, StringComparer.Ordinal)
                .Select(r => r.ToFigure()).ToList());
}
