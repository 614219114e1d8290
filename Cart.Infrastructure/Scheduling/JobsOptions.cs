using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Scheduling;

/// <summary>The job server of each instance and the schedules of the recurring jobs.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Jobs one instance runs at once. The recurring jobs are short; a few workers keep up, and each idle
    /// worker still polls the storage.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How long a stopping instance waits for its job server to stop (running jobs see their cancellation
    /// token fire at once); a worker still busy after that is left to finish on its own.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each instance looks for recurring and delayed jobs that are due (Hangfire's default). A
    /// recurring job runs at most this late; every instance's look is one query on the storage.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Cron expressions (UTC) by recurring job id (<c>Jobs:Schedules:hold-expiry</c>), over each job's default. A job
    /// not named here keeps its default; a name that is no job, or a cron Hangfire refuses, fails the start.
    /// </summary>
    [Required]
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);
}
