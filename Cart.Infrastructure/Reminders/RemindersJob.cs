using Hangfire;
using Microsoft.Extensions.Logging;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// The recurring job <see cref="Id"/>: records the reminders that are due, sends those due (first tries and
/// retries), and credits recovered checkouts. Not retried by Hangfire: the next occurrence is the retry, and every
/// step is safe twice and on several instances at once (unique keys and conditional updates decide).
/// </summary>
public sealed partial class RemindersJob(
    ReminderScheduler scheduler,
    ReminderDispatcher dispatcher,
    RecoveryAttribution recoveries,
    TimeProvider clock,
    ILogger<RemindersJob> logger)
{
    public const string Id = "reminders";

    public const string DefaultCron = "*/5 * * * *";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recorded = await scheduler.ScheduleDueAsync(now, cancellationToken);
        var sent = await dispatcher.SendDueAsync(now, cancellationToken);
        var recovered = await recoveries.AttributeAsync(now, cancellationToken);
        if (recorded + sent + recovered > 0)
        {
            LogRun(logger, recorded, sent, recovered);
        }
    }

    [LoggerMessage(LogLevel.Information, "Reminders: {Recorded} recorded, {Sent} sent, {Recovered} checkouts credited")]
    private static partial void LogRun(ILogger logger, int recorded, int sent, int recovered);
}
