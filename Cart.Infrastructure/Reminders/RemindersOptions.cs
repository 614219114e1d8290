using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Reminders;

/// <summary>Abandoned-cart reminders: when they go, how their sends are retried, and how their links are signed.</summary>
public sealed class RemindersOptions : IValidatableObject
{
    public const string SectionName = "Reminders";

    /// <summary>The least length of <see cref="LinkSigningKey"/>, in UTF-8 bytes (HMAC-SHA256's own size).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>
    /// (Empty: [1 hour, 24 hours]; configuration binding adds to a list, so the default is not in it.)
    /// How long after a cart's last change each reminder of the sequence goes: the first after <c>Delays[0]</c>, the
    /// second after <c>Delays[1]</c>, both counted from the same last change (so [1h, 24h] sends the second 23 hours
    /// after the first). A change to the cart starts the sequence again.
    /// </summary>
    [Required]
    public List<TimeSpan> Delays { get; set; } = [];

    /// <summary>The key the links in the emails are signed with (HMAC-SHA256), at least 32 bytes.</summary>
    public string LinkSigningKey { get; set; } = string.Empty;

    /// <summary>
    /// The public address of this service, which the links in every email it sends point at (reminders, console
    /// invitations). Required outside Development; in Development, unset, the links follow the address the service
    /// listens on (<see cref="Hosting.PublicAddress"/>).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long the link back to the cart works.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan RecoveryLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the unsubscribe link works.</summary>
    [Range(typeof(TimeSpan), "30.00:00:00", "365.00:00:00")]
    public TimeSpan UnsubscribeLinkLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>A checkout within this long of a reminder whose link was followed counts as recovered.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan RecoveryWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tries of one send before the reminder is given up as failed.</summary>
    [Range(1, 20)]
    public int MaxSendAttempts { get; set; } = 5;

    /// <summary>The pause after the first failed try; it doubles after each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Carts, or reminders, one query of a pass reads at a time.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Delays.Count > 5)
        {
            yield return new ValidationResult("Reminders:Delays has at most 5 entries.", [nameof(Delays)]);
        }

        var delays = Sequence;
        for (var i = 0; i < delays.Count; i++)
        {
            if (delays[i] < TimeSpan.FromMinutes(1) || delays[i] > TimeSpan.FromDays(30)
                || (i > 0 && delays[i] <= delays[i - 1]))
            {
                yield return new ValidationResult(
                    "Reminders:Delays are 1 minute to 30 days, each longer than the one before.", [nameof(Delays)]);
                break;
            }
        }

        if (PublicBaseUrl is not null && (!PublicBaseUrl.IsAbsoluteUri || PublicBaseUrl.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Reminders:PublicBaseUrl must be an absolute http(s) URL.",
                [nameof(PublicBaseUrl)]);
        }
    }

    /// <summary>The delays, or the default [1 hour, 24 hours] when none are configured.</summary>
    public IReadOnlyList<TimeSpan> Sequence => Delays.Count > 0 ? Delays : DefaultDelays;

    public static readonly IReadOnlyList<TimeSpan> DefaultDelays = [TimeSpan.FromHours(1), TimeSpan.FromHours(24)];
}
