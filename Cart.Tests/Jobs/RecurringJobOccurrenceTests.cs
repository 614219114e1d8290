using System.Collections.Concurrent;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Scheduling;
using Cart.Tests.Fixtures;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Jobs;

/// <summary>
/// Several instances share one PostgreSQL job storage, each with its own job server and recurring-job scheduler:
/// each occurrence of a recurring job runs once, on one of them.
/// </summary>
public sealed class RecurringJobOccurrenceTests() : OwnHostsTest(DatabaseProvider.PostgreSql)
{
    [Fact]
    public async Task RecurringJob_WhenTwoInstancesShareTheStorage_RunsEachOccurrenceOnce()
    {
        var runs = new ConcurrentQueue<OccurrenceRun>();
        _ = Own(HostRecording(runs)).Server;
        _ = Own(HostRecording(runs)).Server;

        var enough = await Eventually.TrueAsync(() => Task.FromResult(runs.Count >= 10), TimeSpan.FromSeconds(30));

        Assert.True(enough, $"only {runs.Count} runs in 30 seconds");
        var repeated = runs.GroupBy(r => r.Occurrence).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"occurrences run more than once: {string.Join(", ", repeated)}");
    }

    private CartAppFactory HostRecording(ConcurrentQueue<OccurrenceRun> runs) => new(Database,
        settings: new Dictionary<string, string?>
        {
            ["Jobs:WorkerCount"] = "2",
            ["Jobs:SchedulePollingInterval"] = "00:00:01", // both schedulers look every second, for every occurrence
        },
        services: s =>
        {
            s.AddSingleton(runs);
            s.AddRecurringJob<OccurrenceRecorder>(OccurrenceRecorder.Id, OccurrenceRecorder.EverySecond,
                j => j.RunAsync(null!));
        });
}

/// <summary>One run of <see cref="OccurrenceRecorder"/>: the occurrence it was enqueued for, and by which server.</summary>
public sealed record OccurrenceRun(long Occurrence, string Server);

/// <summary>A recurring job that records each run it makes.</summary>
public sealed class OccurrenceRecorder(ConcurrentQueue<OccurrenceRun> runs, JobServerIdentity identity)
{
    public const string Id = "occurrence-recorder";

    public const string EverySecond = "* * * * * *";

    public Task RunAsync(PerformContext context)
    {
        // The scheduler stamps each job it enqueues with the occurrence (Unix seconds) it stands for.
        var occurrence = context.GetJobParameter<long>("Time");
        runs.Enqueue(new OccurrenceRun(occurrence, identity.ServerName));
        return Task.CompletedTask;
    }
}
