using Cart.Infrastructure.Scheduling;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>The job server of a test host: its recurring jobs, and running one now.</summary>
public static class TestJobs
{
    /// <summary>A cron that is due once a year (midnight of 1 January, UTC): a job on it waits for a test to trigger
    /// it, so a test sees its state before the run as well as after.</summary>
    public const string OnlyWhenTriggered = "0 0 1 1 *";

    /// <summary>Settings that keep the job <paramref name="id"/> from running by itself.</summary>
    public static KeyValuePair<string, string?> OnlyTriggered(string id) =>
        new($"{JobsOptions.SectionName}:Schedules:{id}", OnlyWhenTriggered);

    /// <summary>The recurring jobs the host's storage holds, by id, once the host has stored all of its own (which it
    /// does just after it starts).</summary>
    public static async Task<Dictionary<string, RecurringJobDto>> RecurringJobsAsync(this CartAppFactory host)
    {
        var expected = host.Services.GetServices<RecurringJobDefinition>().Select(d => d.Id).ToList();
        var jobs = new Dictionary<string, RecurringJobDto>(StringComparer.Ordinal);
        var stored = await Eventually.TrueAsync(() =>
        {
            using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
            jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);
            return Task.FromResult(expected.All(jobs.ContainsKey));
        });
        Assert.True(stored, $"the host stored {string.Join(", ", jobs.Keys)} of {string.Join(", ", expected)}");
        return jobs;
    }

    /// <summary>Enqueues the recurring job <paramref name="id"/> now, as its schedule would, once the host has stored
    /// it; a worker of the host (or of another instance on the same storage) runs it a moment later.</summary>
    public static async Task TriggerAsync(this CartAppFactory host, string id)
    {
        Assert.Contains(id, (await host.RecurringJobsAsync()).Keys);
        host.Services.GetRequiredService<IRecurringJobManager>().Trigger(id);
    }
}
