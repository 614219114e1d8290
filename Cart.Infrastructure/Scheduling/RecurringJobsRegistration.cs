using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Stores every module's recurring job at start, with its configured cron. Every instance does it; AddOrUpdate is
/// idempotent and Hangfire's scheduler enqueues each occurrence once however many instances share the storage. A
/// cron Hangfire cannot parse fails the start, like any invalid setting.
/// </summary>
internal sealed class RecurringJobsRegistration(
    IEnumerable<RecurringJobDefinition> jobs,
    IRecurringJobManager manager,
    IOptions<JobsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            job.AddOrUpdate(manager, options.Value);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
