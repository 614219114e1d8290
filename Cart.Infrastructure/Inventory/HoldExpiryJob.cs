using Hangfire;
using Microsoft.Extensions.Logging;

namespace Cart.Infrastructure.Inventory;

/// <summary>
/// The recurring job <see cref="Id"/>: one <see cref="HoldExpirySweep"/>. Not retried: the next occurrence is the
/// retry, and a sweep is safe twice and on several instances at once.
/// </summary>
public sealed partial class HoldExpiryJob(HoldExpirySweep sweep, ILogger<HoldExpiryJob> logger)
{
    public const string Id = "hold-expiry";

    /// <summary>Every minute: a lapsed hold stops counting at once; the sweep only brings stored counts up to date.</summary>
    public const string DefaultCron = "* * * * *";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var released = await sweep.ReleaseLapsedAsync(cancellationToken);
        if (released > 0)
        {
            LogReleased(logger, released);
        }
    }

    [LoggerMessage(LogLevel.Information, "Released {Count} lapsed stock holds")]
    private static partial void LogReleased(ILogger logger, int count);
}
