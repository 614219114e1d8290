using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace Cart.Infrastructure.Resilience;

/// <summary>
/// The one circuit breaker in front of Redis (<see cref="ResiliencePipelines.Redis"/>), shared by everything that calls
/// it: the cart cache, the rate limits, and the products' FusionCache (its distributed level and backplane,
/// <see cref="BreakerGuardedDistributedCache"/>, <see cref="BreakerGuardedBackplane"/>). When Redis fails, none of
/// them asks it for <c>Resilience:Redis:BreakDuration</c>, so a dead or silent Redis costs a timeout now and then
/// rather than one per request, and each goes on without it (carts from the database, limits counted in process,
/// products from memory and the database). Polly's circuit breaker on the host's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Polly costs about 0.3–0.6 µs a call more than the hand-written checks it replaced (bench/BreakerCost,
/// docs/PERFORMANCE.md), against the 100 µs of a Redis round trip: worth one breaker, one set of settings and one
/// log for every Redis caller.
/// </remarks>
public sealed class RedisCircuitBreaker(
    IConnectionMultiplexer redis,
    [FromKeyedServices(ResiliencePipelines.Redis)] ResiliencePipeline pipeline)
{
    /// <summary>
    /// Runs <paramref name="call"/> on Redis unless the circuit is open. The outcome holds an exception when Redis
    /// did not answer: the circuit is open (<see cref="BrokenCircuitException"/>), the client is not connected, or
    /// the call failed, which counts towards opening the circuit. Any other exception is thrown.
    /// </summary>
    public async ValueTask<Outcome<TResult>> ExecuteAsync<TResult, TState>(
        Func<IConnectionMultiplexer, TState, CancellationToken, ValueTask<TResult>> call, TState state,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            // Outcomes rather than exceptions: while the circuit is open nothing is thrown inside Polly.
            var outcome = await pipeline.ExecuteOutcomeAsync(static async (context, args) =>
            {
                if (!args.Redis.IsConnected)
                {
                    // The client queues commands while it reconnects; asking now would only wait for the timeout.
                    return Outcome.FromException<TResult>(new RedisConnectionException(
                        ConnectionFailureType.UnableToConnect, "Redis is not connected."));
                }

                try
                {
                    return Outcome.FromResult(await args.Call(args.Redis, args.State, context.CancellationToken));
                }
                catch (Exception ex)
                {
                    return Outcome.FromException<TResult>(ex);
                }
            }, context, (Redis: redis, Call: call, State: state));

            if (outcome.Exception is { } exception and not BrokenCircuitException
                && !IsRedisFailure(exception, cancellationToken))
            {
                ExceptionDispatchInfo.Throw(exception);
            }

            return outcome;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A failure of Redis or of the way to it (<see cref="DependencyFailures.IsRedisFailure"/>).</summary>
    public static bool IsRedisFailure(Exception exception, CancellationToken callerCancellation) =>
        DependencyFailures.IsRedisFailure(exception, callerCancellation);

}

internal static class RedisCircuitBreakerSetup
{
    /// <summary>Registers the breaker over the <see cref="ResiliencePipelines.Redis"/> pipeline.</summary>
    public static IServiceCollection AddRedisCircuitBreaker(this IServiceCollection services)
    {
        services.AddCartResilience();
        services.AddSingleton<RedisCircuitBreaker>();
        return services;
    }
}
