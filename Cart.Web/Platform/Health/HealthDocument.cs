using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cart.Web.Platform.Health;

/// <summary>
/// The JSON of API.md: <c>{"status", "checks": {name: status}, "timestamp"}</c>, statuses in lower case, plus
/// <c>details</c> (each check's description and duration). Exception messages are left out: the route is anonymous
/// and they can name hosts and ports.
/// </summary>
internal sealed record HealthDocument(
    string Status,
    IReadOnlyDictionary<string, string> Checks,
    DateTimeOffset Timestamp,
    double DurationMs,
    IReadOnlyDictionary<string, HealthCheckDetail> Details)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

    public static HealthDocument Live(DateTimeOffset now) =>
        new(Healthy, new Dictionary<string, string>(), now, 0, new Dictionary<string, HealthCheckDetail>());

    public static HealthDocument Ready(HealthReport report, DateTimeOffset now)
    {
        var entries = report.Entries;
        return new HealthDocument(
            Name(Overall(report)),
            entries.ToDictionary(e => e.Key, e => Name(e.Value.Status), StringComparer.Ordinal),
            now,
            Milliseconds(report.TotalDuration),
            entries.ToDictionary(e => e.Key, e => new HealthCheckDetail(
                Name(e.Value.Status), Describe(e.Value), Milliseconds(RunDuration(e.Value))), StringComparer.Ordinal));
    }

    /// <summary>How long the check took when it ran, not how long this probe waited for its shared result.</summary>
    private static TimeSpan RunDuration(HealthReportEntry entry) =>
        entry.Data.TryGetValue(SharedCheckResults.RunDurationKey, out var ran) && ran is TimeSpan duration
            ? duration
            : entry.Duration;

    /// <summary>
    /// The worst essential status; any other check at fault makes the service degraded, never unhealthy: without
    /// Redis or jobs, carts are still read and written (from and to the database).
    /// </summary>
    private static HealthStatus Overall(HealthReport report) =>
        report.Entries.Values
            .Select(e => e.Tags.Contains(HealthSetup.EssentialTag) || e.Status != HealthStatus.Unhealthy
                ? e.Status
                : HealthStatus.Degraded)
            .DefaultIfEmpty(HealthStatus.Healthy)
            .Min();

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => Healthy,
        HealthStatus.Degraded => Degraded,
        _ => Unhealthy,
    };

    private static string? Describe(HealthReportEntry entry) => entry.Exception switch
    {
        { } exception => $"failed ({exception.GetType().Name})",
        null when entry.Status != HealthStatus.Healthy => entry.Description ?? "check failed",
        null => entry.Description,
    };

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 1);
}

/// <param name="Status">The check's own status.</param>
/// <param name="Description">What it found, in a few words (never an exception message).</param>
/// <param name="DurationMs">How long it took.</param>
internal sealed record HealthCheckDetail(string Status, string? Description, double DurationMs);
