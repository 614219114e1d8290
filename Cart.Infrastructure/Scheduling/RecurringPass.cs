using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Runs one unit of background work every <see cref="Interval"/> on every instance, in a scope of its own. The work
/// must be safe to run on several instances at once. A failed pass is logged and the next tick tries again; it never
/// stops the host.
/// </summary>
internal abstract partial class RecurringPass(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger)
    : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the pass does, for the log ("released lapsed stock holds").</summary>
    protected abstract string Description { get; }

    /// <summary>One pass; returns how many things it did (0 is not logged).</summary>
    protected abstract Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PassAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var done = await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            if (done > 0)
            {
                LogDone(logger, Description, done);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, Description);
        }
    }

    [LoggerMessage(LogLevel.Information, "Background pass: {Work} ({Count})")]
    private static partial void LogDone(ILogger logger, string work, int count);

    [LoggerMessage(LogLevel.Warning, "Background pass failed: {Work}; the next pass tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work);
}
