using Hangfire;
using Microsoft.Extensions.Logging;

namespace Cart.Infrastructure.Carts;

/// <summary>
/// The recurring job <see cref="Id"/>: one <see cref="InactiveCartCleanup"/> pass. Not retried: the next occurrence is
/// the retry, and a pass is safe twice and on several instances at once.
/// </summary>
public sealed partial class CartCleanupJob(InactiveCartCleanup cleanup, ILogger<CartCleanupJob> logger)
{
    public const string Id = "cart-cleanup";

    /// <summary>Hourly: with a 30-day window an hour late is nothing, and each pass stays a few minutes at most.</summary>
    public const string DefaultCron = "17 * * * *";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await cleanup.DeleteInactiveAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} inactive carts")]
    private static partial void LogDeleted(ILogger logger, int count);
}
