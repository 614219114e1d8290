using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reminders;
using Cart.Infrastructure.Reporting;
using Cart.Infrastructure.Scheduling;
using Cart.Tests.Fixtures;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cart.Tests.Jobs;

/// <summary>
/// The recurring jobs in a storage shared by instances of different versions, as in a rolling deploy: a job no module
/// defines any more is removed, and an instance older than the one that last stored the jobs leaves them alone.
/// </summary>
public sealed class RecurringJobCatalogTests() : OwnHostsTest(DatabaseProvider.PostgreSql)
{
    private const string RetiredJobId = "retired-job";

    [Fact]
    public void Revision_WhenTheSetOfRecurringJobsChanges_IsRaised()
    {
        // Changing the set below? Raise RecurringJobCatalog.Revision with it, then change both lines here.
        string[] jobsOfThisRevision =
            [CartCleanupJob.Id, HoldExpiryJob.Id, IdempotencyPurgeJob.Id, MetricRollupJob.Id, RemindersJob.Id];
        Assert.Equal(2, RecurringJobCatalog.Revision);

        using var host = new CartAppFactory(Database);
        Assert.Equal(jobsOfThisRevision, host.Services.GetServices<RecurringJobDefinition>().Select(j => j.Id)
            .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_WhenTheStorageHoldsAJobNoModuleDefines_RemovesIt()
    {
        await StoreAsAnEarlierVersionAsync(RecurringJobCatalog.Revision);

        await using var host = new CartAppFactory(Database);
        await RegistrationOf(host);

        var jobs = await host.RecurringJobsAsync();
        Assert.DoesNotContain(RetiredJobId, jobs.Keys);
        Assert.Contains(HoldExpiryJob.Id, jobs.Keys);
    }

    [Fact]
    public async Task Start_WhenANewerVersionStoredTheJobs_LeavesThemAsTheyAre()
    {
        await StoreAsAnEarlierVersionAsync(RecurringJobCatalog.Revision + 1);

        await using var host = new CartAppFactory(Database, settings: new Dictionary<string, string?>
        {
            [$"Jobs:Schedules:{IdempotencyPurgeJob.Id}"] = "*/7 * * * *",
        });
        await RegistrationOf(host);

        var jobs = await host.RecurringJobsAsync();
        Assert.Contains(RetiredJobId, jobs.Keys);
        Assert.Equal(IdempotencyPurgeJob.DefaultCron, jobs[IdempotencyPurgeJob.Id].Cron);
    }

    /// <summary>What an instance that has gone leaves in the storage: its jobs, one this version does not define, and
    /// <paramref name="revision"/> as the catalog's.</summary>
    private async Task StoreAsAnEarlierVersionAsync(int revision)
    {
        await using var earlier = new CartAppFactory(Database);
        await RegistrationOf(earlier);
        earlier.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate(RetiredJobId, () => RetiredJob.Run(), TestJobs.OnlyWhenTriggered);
        using var connection = earlier.Services.GetRequiredService<JobStorage>().GetConnection();
        connection.SetRangeInHash(RecurringJobCatalog.StorageKey,
            [new(RecurringJobCatalog.RevisionField, revision.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    /// <summary>Starts the host and waits for it to have stored (or left alone) the recurring jobs.</summary>
    private static async Task RegistrationOf(CartAppFactory host)
    {
        _ = host.Server;
        var registration = host.Services.GetServices<IHostedService>().OfType<RecurringJobsRegistration>().Single();
        await registration.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

/// <summary>Stands for a job an earlier version defined; never run.</summary>
public static class RetiredJob
{
    public static void Run() => throw new InvalidOperationException("A retired job must never run.");
}
