using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Stores every module's recurring job, with its configured cron, once the host has started. Every instance does it;
/// AddOrUpdate is idempotent and Hangfire's scheduler enqueues each occurrence once however many instances share the
/// storage. The start does not wait for it (the storage is the database, which may be away: the instance still comes
/// up and reports it), and while the storage refuses, it tries again with a growing pause. The crons were checked at
/// start already (<see cref="SchedulesValidation"/>).
/// </summary>
internal sealed partial class RecurringJobsRegistration(
    IEnumerable<RecurringJobDefinition> jobs,
    IRecurringJobManager manager,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<RecurringJobsRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Hangfire's calls are synchronous; on a thread of their own, a stop does not wait for them.
                await Task.Run(RegisterAll, CancellationToken.None).WaitAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRetrying(logger, e, pause);
            }

            await Task.Delay(pause, clock, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    private void RegisterAll()
    {
        foreach (var job in jobs)
        {
            job.AddOrUpdate(manager, options.Value);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not store the recurring jobs; trying again in {Pause}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, TimeSpan pause);
}
