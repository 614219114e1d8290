using Hangfire;
using Microsoft.Extensions.Logging;

namespace Cart.Infrastructure.Idempotency;

/// <summary>
/// The recurring job <see cref="Id"/>: one <see cref="IdempotencyRecordPurge"/>. Not retried: the next occurrence
/// is the retry, and overlapping purges delete each row once.
/// </summary>
public sealed partial class IdempotencyPurgeJob(IdempotencyRecordPurge purge, ILogger<IdempotencyPurgeJob> logger)
{
    public const string Id = "idempotency-purge";

    public const string DefaultCron = "*/5 * * * *";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await purge.PurgeExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} Idempotency-Key records past their 24 hours")]
    private static partial void LogDeleted(ILogger logger, int count);
}
