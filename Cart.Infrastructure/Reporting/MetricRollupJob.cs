using Cart.Domain.Reporting;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace Cart.Infrastructure.Reporting;

/// <summary>
/// The recurring job <see cref="Id"/>: rolls up yesterday and today, by day and by hour, skipping periods already
/// final, and replaces the held-units snapshot. A period is final once it is rolled up
/// <see cref="ReportingOptions.FinalAfter"/> past its end. Not retried: the next occurrence is the retry, and runs on
/// several instances at once leave the same rows (<see cref="RollupStore"/>).
/// </summary>
public sealed partial class MetricRollupJob(
    RollupWriter writer,
    RollupStore store,
    TimeProvider clock,
    ILogger<MetricRollupJob> logger)
{
    public const string Id = "metric-rollups";

    /// <summary>Every 5 minutes: the dashboard's "today" is at most that old.</summary>
    public const string DefaultCron = "*/5 * * * *";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // One "now" for the run: every period is computed as of it, and judged final against it.
        var now = clock.GetUtcNow();
        var candidates = RollupPeriod.Candidates(now);
        var final = await store.FinalAmongAsync(candidates, cancellationToken);
        var written = await writer.RollUpAsync(candidates.Where(p => !final.Contains((p.Kind, p.Start))), now,
            cancellationToken);
        LogRolledUp(logger, written, now);
    }

    [LoggerMessage(LogLevel.Debug, "Rolled up {Count} periods as of {Now}")]
    private static partial void LogRolledUp(ILogger logger, int count, DateTimeOffset now);
}
