using System.ComponentModel.DataAnnotations;

namespace Cart.Web.Platform.Health;

/// <summary>How <c>/health/ready</c> runs its checks.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// How long a check's result answers every probe before the check runs again: a flood of probes then costs one
    /// database connection per interval, not one per probe. Zero still lets probes that arrive together share a run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a check may take before it counts as failed (a probe is answered within about this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
