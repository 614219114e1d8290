using System.Globalization;
using Cart.Infrastructure.Resilience;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Stores every module's recurring job, with its configured cron, once the host has started, and removes the stored
/// recurring jobs no module defines any more (a job retired in this version would otherwise go on being enqueued, and
/// failing, for ever). Every instance does it; AddOrUpdate is idempotent and Hangfire's scheduler enqueues each
/// occurrence once however many instances share the storage. An instance of an older version than the one that last
/// stored the jobs leaves them alone (<see cref="RecurringJobCatalog"/>). The start does not wait for it (the storage
/// is the database, which may be away: the instance still comes up and reports it), and while the storage refuses, it
/// tries again with a growing pause. The crons were checked at start already (<see cref="SchedulesValidation"/>).
/// </summary>
internal sealed partial class RecurringJobsRegistration(
    IEnumerable<RecurringJobDefinition> jobs,
    JobStorage storage,
    IRecurringJobManager manager,
    IOptions<JobsOptions> options,
    StartupRetry retry,
    ILogger<RecurringJobsRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    // Hangfire's calls are synchronous; on a thread of their own, a stop does not wait for them.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        retry.RunAsync(() => Task.Run(RegisterAll, CancellationToken.None),
            (e, pause) => LogRetrying(logger, e, pause), stoppingToken);

    private void RegisterAll()
    {
        using var connection = storage.GetConnection();
        // One instance at a time: the revision read and the removals below must not interleave with another's.
        using var storing = connection.AcquireDistributedLock(RecurringJobCatalog.StorageKey, LockTimeout);
        var stored = StoredRevision(connection);
        if (stored > RecurringJobCatalog.Revision)
        {
            LogNewerRevision(logger, stored, RecurringJobCatalog.Revision);
            return;
        }

        foreach (var job in jobs)
        {
            job.AddOrUpdate(manager, options.Value);
        }

        var defined = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var retired in connection.GetRecurringJobs().Select(j => j.Id).Where(id => !defined.Contains(id)))
        {
            manager.RemoveIfExists(retired);
            LogRetired(logger, retired);
        }

        connection.SetRangeInHash(RecurringJobCatalog.StorageKey,
            [new(RecurringJobCatalog.RevisionField, RecurringJobCatalog.Revision.ToString(CultureInfo.InvariantCulture))]);
    }

    private static int StoredRevision(IStorageConnection connection)
    {
        var entries = connection.GetAllEntriesFromHash(RecurringJobCatalog.StorageKey);
        return entries is not null && entries.TryGetValue(RecurringJobCatalog.RevisionField, out var value)
               && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : 0;
    }

    [LoggerMessage(LogLevel.Information,
        "The recurring jobs were stored by a newer version (revision {Stored}, this is {Own}); leaving them as they are")]
    private static partial void LogNewerRevision(ILogger logger, int stored, int own);

    [LoggerMessage(LogLevel.Information, "Removed the recurring job {Id}, which no module defines any more")]
    private static partial void LogRetired(ILogger logger, string id);

    [LoggerMessage(LogLevel.Warning, "Could not store the recurring jobs; trying again in {Pause}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, TimeSpan pause);
}
