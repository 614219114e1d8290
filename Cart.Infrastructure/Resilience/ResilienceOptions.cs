using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Resilience;

/// <summary>
/// The figures of the service's resilience pipelines (<see cref="ResiliencePipelines"/>): how soon each dependency's
/// circuit breaker opens and for how long, and how the retries pause. The defaults are the figures the service has
/// always used.
/// </summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>The breaker in front of Redis, shared by every Redis caller (<c>Resilience:Redis</c>).</summary>
    [ValidateObjectMembers]
    public RedisBreakerSettings Redis { get; set; } = new();

    /// <summary>The retry of a cart write that lost a race with another writer (<c>Resilience:CartWrites</c>).</summary>
    [ValidateObjectMembers]
    public CartWriteRetrySettings CartWrites { get; set; } = new();

    /// <summary>The retry of work a host does once after it starts (<c>Resilience:Startup</c>).</summary>
    [ValidateObjectMembers]
    public StartupRetrySettings Startup { get; set; } = new();

    /// <summary>The breaker in front of the SMTP server (<c>Resilience:Smtp</c>).</summary>
    [ValidateObjectMembers]
    public SmtpBreakerSettings Smtp { get; set; } = new();
}

public sealed class RedisBreakerSettings
{
    /// <summary>
    /// Once the breaker opens, how long nothing asks Redis (no timeout paid on every request meanwhile): carts come
    /// from the database, limits are counted in process, products skip their distributed level. At least half a
    /// second, Polly's least.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share of failed Redis calls within <see cref="SamplingDuration"/> that opens the breaker. Low: Redis rarely
    /// fails one call in ten without failing them all, and each failure may have cost a timeout.
    /// </summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.1;

    /// <summary>
    /// Calls within <see cref="SamplingDuration"/> before the ratio counts: 2 (Polly's least), so a quiet instance
    /// opens at its second failure, as a busy one opens within its first timeouts.
    /// </summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 2;

    /// <summary>
    /// The window of calls the failure ratio is taken over. Short, so that when Redis goes away the successes from
    /// just before soon stop outweighing the failures.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While cart cache writes wait for Redis (they failed when a change committed) and the breaker is closed, the
    /// pause between their retries; while it is open, they wait for it to let a call through again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PendingWritesRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}

public sealed class CartWriteRetrySettings
{
    /// <summary>Attempts of one cart change before the caller is told the cart is busy (409).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first pause after a lost race; it doubles, with jitter, so racing writers spread out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest pause between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

public sealed class StartupRetrySettings
{
    /// <summary>The pause after the first failure; it doubles after each failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FirstPause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause; the work is tried until it succeeds or the host stops.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan LongestPause { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class SmtpBreakerSettings : IValidatableObject
{
    /// <summary>
    /// Once this many sends within <see cref="SamplingDuration"/> all failed to reach the SMTP server, the breaker
    /// opens: for <see cref="BreakDuration"/> the reminders due are not tried (each goes back to wait for its next
    /// attempt, as after a failed send) rather than each waiting for the SMTP timeout. 0, the default: no breaker,
    /// every due reminder tries the server. Otherwise 2 (Polly's least) to 1,000.
    /// </summary>
    [Range(0, 1000)]
    public int FailuresToBreak { get; set; }

    /// <summary>The window <see cref="FailuresToBreak"/> is counted over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the SMTP breaker stays open. At least half a second, Polly's least.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsOn => FailuresToBreak > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FailuresToBreak == 1)
        {
            yield return new ValidationResult("Resilience:Smtp:FailuresToBreak is 0 (no breaker) or 2 to 1,000.",
                [nameof(FailuresToBreak)]);
        }
    }
}
