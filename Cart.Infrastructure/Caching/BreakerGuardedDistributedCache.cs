using System.Runtime.ExceptionServices;
using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.Caching.Distributed;
using Polly;
using Polly.CircuitBreaker;

namespace Cart.Infrastructure.Caching;

/// <summary>
/// The products' distributed level (FusionCache over Redis) behind the one <see cref="RedisCircuitBreaker"/>, so that
/// Redis failing under the cart cache or the rate limits stops the products' calls too, and the reverse; FusionCache's
/// own breaker is off. While the circuit is open a read is a miss (the value comes from memory or the database), and a
/// write or removal fails at once, which FusionCache's auto-recovery replays once Redis answers again.
/// </summary>
internal sealed class BreakerGuardedDistributedCache(IDistributedCache redis, RedisCircuitBreaker breaker)
    : IDistributedCache
{
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var outcome = await breaker.ExecuteAsync(static async (_, args, ct) => await args.Redis.GetAsync(args.Key, ct),
            (Redis: redis, Key: key), token);
        return outcome.Exception is BrokenCircuitException ? null : Answer(outcome);
    }

    public byte[]? Get(string key)
    {
        var outcome = Sync(breaker.ExecuteAsync(static (_, args, _) => ValueTask.FromResult(args.Redis.Get(args.Key)),
            (Redis: redis, Key: key), CancellationToken.None));
        return outcome.Exception is BrokenCircuitException ? null : Answer(outcome);
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options,
        CancellationToken token = default) =>
        Answer(await breaker.ExecuteAsync(static async (_, args, ct) =>
        {
            await args.Redis.SetAsync(args.Key, args.Value, args.Options, ct);
            return true;
        }, (Redis: redis, Key: key, Value: value, Options: options), token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Answer(Sync(breaker.ExecuteAsync(static (_, args, _) =>
        {
            args.Redis.Set(args.Key, args.Value, args.Options);
            return ValueTask.FromResult(true);
        }, (Redis: redis, Key: key, Value: value, Options: options), CancellationToken.None)));

    public async Task RefreshAsync(string key, CancellationToken token = default) =>
        Answer(await breaker.ExecuteAsync(static async (_, args, ct) =>
        {
            await args.Redis.RefreshAsync(args.Key, ct);
            return true;
        }, (Redis: redis, Key: key), token));

    public void Refresh(string key) =>
        Answer(Sync(breaker.ExecuteAsync(static (_, args, _) =>
        {
            args.Redis.Refresh(args.Key);
            return ValueTask.FromResult(true);
        }, (Redis: redis, Key: key), CancellationToken.None)));

    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        Answer(await breaker.ExecuteAsync(static async (_, args, ct) =>
        {
            await args.Redis.RemoveAsync(args.Key, ct);
            return true;
        }, (Redis: redis, Key: key), token));

    public void Remove(string key) =>
        Answer(Sync(breaker.ExecuteAsync(static (_, args, _) =>
        {
            args.Redis.Remove(args.Key);
            return ValueTask.FromResult(true);
        }, (Redis: redis, Key: key), CancellationToken.None)));

    /// <summary>The result, or the failure thrown for FusionCache to see (and, for a write, to replay later).</summary>
    internal static T Answer<T>(Outcome<T> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            ExceptionDispatchInfo.Throw(exception);
        }

        return outcome.Result!;
    }

    // The calls inside are synchronous, so the breaker's task has completed when it returns.
    private static Outcome<T> Sync<T>(ValueTask<Outcome<T>> task) => task.AsTask().GetAwaiter().GetResult();
}
