using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// This instance's Hangfire server (the hosted service Hangfire's AddHangfireServer makes), held once so it can be
/// stopped on its own, and stopped within <see cref="JobsOptions.StopTimeout"/>: a worker stuck in a call that does
/// not listen for cancellation (a connect to a database that never answers) is left to finish on its own rather than
/// holding up the host's shutdown, or failing it.
/// </summary>
public sealed partial class JobServerHost(IHostedService server, IOptions<JobsOptions> options,
    ILogger<JobServerHost> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.StopTimeout);
        try
        {
            await server.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LogNotStopped(logger, options.Value.StopTimeout);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The job server did not stop within {Timeout}; its workers finish on their own")]
    private static partial void LogNotStopped(ILogger logger, TimeSpan timeout);
}
