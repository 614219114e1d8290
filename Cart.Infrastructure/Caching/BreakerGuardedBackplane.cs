using Cart.Infrastructure.Resilience;
using Polly;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane;

namespace Cart.Infrastructure.Caching;

/// <summary>
/// The products' backplane (FusionCache's, on Redis pub/sub) behind the one <see cref="RedisCircuitBreaker"/>: a
/// notification is published only while the circuit is closed; otherwise it fails at once, and FusionCache's
/// auto-recovery publishes it once Redis answers again. FusionCache's own backplane breaker is off. Subscribing is left
/// to the backplane, which resubscribes by itself when the connection comes back.
/// </summary>
internal sealed class BreakerGuardedBackplane(IFusionCacheBackplane backplane, RedisCircuitBreaker breaker)
    : IFusionCacheBackplane
{
    public void Subscribe(BackplaneSubscriptionOptions options) => backplane.Subscribe(options);

    public ValueTask SubscribeAsync(BackplaneSubscriptionOptions options) => backplane.SubscribeAsync(options);

    public void Unsubscribe() => backplane.Unsubscribe();

    public ValueTask UnsubscribeAsync() => backplane.UnsubscribeAsync();

    public async ValueTask PublishAsync(BackplaneMessage message, FusionCacheEntryOptions options,
        CancellationToken token = default) =>
        BreakerGuardedDistributedCache.Answer(await breaker.ExecuteAsync(static async (_, args, ct) =>
        {
            await args.Backplane.PublishAsync(args.Message, args.Options, ct);
            return true;
        }, (Backplane: backplane, Message: message, Options: options), token));

    public void Publish(BackplaneMessage message, FusionCacheEntryOptions options, CancellationToken token = default) =>
        BreakerGuardedDistributedCache.Answer(breaker.ExecuteAsync(static (_, args, ct) =>
        {
            args.Backplane.Publish(args.Message, args.Options, ct);
            return ValueTask.FromResult(true);
        }, (Backplane: backplane, Message: message, Options: options), token).AsTask().GetAwaiter().GetResult());
}
