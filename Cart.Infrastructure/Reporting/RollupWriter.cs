using Cart.Domain.Reporting;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reporting;

/// <summary>
/// Rolls up periods as of one "now" and replaces the held-units snapshot: each period computed
/// (<see cref="RollupCalculator"/>), judged final once <see cref="ReportingOptions.FinalAfter"/> past its end, and
/// stored (<see cref="RollupStore"/>). The roll-up job's step, and the demo month's.
/// </summary>
public sealed class RollupWriter(RollupCalculator calculator, RollupStore store, IOptions<ReportingOptions> options)
{
    /// <summary>Returns how many of <paramref name="periods"/> it stored (a later computation already stored wins).</summary>
    public async Task<int> RollUpAsync(IEnumerable<RollupPeriod> periods, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
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
