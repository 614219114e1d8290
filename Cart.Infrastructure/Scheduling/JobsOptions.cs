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

    /// <summary>
    /// Cron expressions (UTC) by recurring job id (<c>Jobs:Schedules:hold-expiry</c>), over each job's default. A job
    /// not named here keeps its default; a name that is no job fails the start, so a typo does not go unnoticed.
    /// </summary>
    [Required]
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);
}
