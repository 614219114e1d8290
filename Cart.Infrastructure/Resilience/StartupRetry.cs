using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace Cart.Infrastructure.Resilience;

/// <summary>
/// Work a host does once after it starts and must not hold the start up for (the database may be away): tried until it
/// succeeds or the host stops, with a pause that doubles from <c>Resilience:Startup:FirstPause</c> (1 second) up to
/// <c>Resilience:Startup:LongestPause</c> (1 minute), the <see cref="ResiliencePipelines.Startup"/> pipeline.
/// </summary>
public sealed class StartupRetry([FromKeyedServices(ResiliencePipelines.Startup)] ResiliencePipeline pipeline)
{
    internal static readonly ResiliencePropertyKey<Action<Exception, TimeSpan>> Failed = new("cart.startup.failed");

    /// <param name="failed">Told of each failure and the pause before the next try.</param>
    public async Task RunAsync(Func<Task> work, Action<Exception, TimeSpan> failed, CancellationToken stoppingToken)
    {
        var context = ResilienceContextPool.Shared.Get(stoppingToken);
        context.Properties.Set(Failed, failed);
        try
        {
            await pipeline.ExecuteAsync(static async (context, work) =>
                await work().WaitAsync(context.CancellationToken), context, work);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
