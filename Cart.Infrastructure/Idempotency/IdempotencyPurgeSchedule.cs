using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Idempotency;

/// <summary>
/// Runs <see cref="IdempotencyRecordPurge"/> every <see cref="IdempotencyOptions.PurgeInterval"/> on every instance
/// (passes on two instances overlap harmlessly: a row is deleted once). A failed pass is logged and the next tick
/// tries again; it never stops the host.
/// </summary>
internal sealed partial class IdempotencyPurgeSchedule(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyPurgeSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PurgeOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PurgeOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var purged = await scope.ServiceProvider.GetRequiredService<IdempotencyRecordPurge>()
                .PurgeExpiredAsync(stoppingToken);
            if (purged > 0)
            {
                LogPurged(purged);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogPurgeFailed(ex);
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} Idempotency-Key records past their 24 hours")]
    private partial void LogPurged(int count);

    [LoggerMessage(LogLevel.Warning, "Deleting expired Idempotency-Key records failed; the next pass tries again")]
    private partial void LogPurgeFailed(Exception exception);
}
