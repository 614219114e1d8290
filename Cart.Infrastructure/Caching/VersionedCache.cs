using System.Diagnostics;
using Cart.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;

namespace Cart.Infrastructure.Caching;

/// <summary>
/// The versioned cache over its levels: Redis (shared by every instance), process memory (the only level without
/// Redis, or a copy in front of Redis when asked for), or both. Reads fill it, committed writes put their value in it
/// (write-through), and every set compares versions, so an older copy never replaces a newer one (docs/CACHING.md).
/// </summary>
internal sealed class VersionedCache(
    MemoryVersionedStore? memory,
    RedisVersionedStore? redis,
    PendingCacheWrites pending,
    VersionedCachePolicy policy,
    TimeProvider clock,
    CacheMetrics metrics,
    string metricName) : IVersionedCache, IHostedService
{
    public async Task<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<Versioned<T>>> load,
        CancellationToken cancellationToken)
    {
        if (redis is not null && pending.Contains(key))
        {
            // A write here could not reach Redis yet: only the database is sure to have this key right.
            metrics.Miss(metricName);
            return (await load(cancellationToken)).Value;
        }

        var now = NowMs();
        CachedCopy<T>? stale = null;
        if (memory is not null && await memory.GetAsync<T>(key) is { } inMemory)
        {
            if (inMemory.IsFreshAt(now))
            {
                metrics.Hit(metricName);
                return inMemory.Value;
            }

            stale = inMemory;
        }

        if (redis is not null && await TryGetFromRedisAsync<T>(key) is { } inRedis)
        {
            if (inRedis.IsFreshAt(now))
            {
                metrics.Hit(metricName);
                await CopyToMemoryAsync(key, inRedis);
                return inRedis.Value;
            }

            stale = stale is null || inRedis.Version >= stale.Version ? inRedis : stale;
        }

        metrics.Miss(metricName);
        var started = Stopwatch.GetTimestamp();
        Versioned<T> loaded;
        try
        {
            loaded = await load(cancellationToken);
        }
        catch (Exception ex) when (stale is { IsPlaceholder: false } && DbErrors.IsUnavailable(ex))
        {
            return stale.Value; // fail-safe: the database is down, the last copy answers
        }

        if (Stopwatch.GetElapsedTime(started) < policy.MaxFillTime)
        {
            await StoreAsync(key, loaded, fromWrite: false);
        }

        return loaded.Value;
    }

    public Task PutAsync<T>(string key, Versioned<T> value) => StoreAsync(key, value, fromWrite: true);

    public async Task ForgetAsync(string key)
    {
        if (memory is not null)
        {
            await memory.RemoveAsync(key);
        }

        if (redis is not null)
        {
            try
            {
                await redis.RemoveAsync(key);
            }
            catch (CacheLevelUnavailableException)
            {
                pending.Add(key, () => redis.RemoveAsync(key));
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (memory is not null && redis is not null)
        {
            // Another instance wrote a version: remember it, so no older copy settles in this memory.
            await redis.SubscribeToVersionsAsync((key, version) => memory.MarkVersion(key, version,
                policy.MemoryFreshFor));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StoreAsync<T>(string key, Versioned<T> value, bool fromWrite)
    {
        var now = NowMs();
        var keepFor = policy.KeepFor(value.IsPlaceholder);
        var copy = new CachedCopy<T>(value.Version,
            now + (long)(value.IsPlaceholder ? policy.PlaceholderFor : policy.FreshFor).TotalMilliseconds,
            value.Value, value.IsPlaceholder);

        if (redis is not null)
        {
            try
            {
                await redis.SetIfNotOlderAsync(key, copy, keepFor);
                if (fromWrite && memory is not null)
                {
                    await redis.PublishVersionAsync(key, value.Version);
                }
            }
            catch (CacheLevelUnavailableException) when (fromWrite)
            {
                // Other instances may still read the copy this write replaced (their way to Redis can be fine while
                // this one's timed out or its circuit is open): try harder before the write is acknowledged.
                if (!await redis.TryReplaceAfterWriteAsync(key, copy, keepFor))
                {
                    pending.Add(key, async () => await redis.SetIfNotOlderAsync(key, copy, keepFor));
                }
            }
            catch (CacheLevelUnavailableException)
            {
                // A read's fill is optional: the next read loads again.
            }
        }

        await CopyToMemoryAsync(key, copy);
    }

    private async ValueTask CopyToMemoryAsync<T>(string key, CachedCopy<T> copy)
    {
        if (memory is null)
        {
            return;
        }

        if (redis is null)
        {
            await memory.SetIfNotOlderAsync(key, copy, policy.KeepFor(copy.IsPlaceholder));
            return;
        }

        // In front of Redis, a copy is trusted only briefly: another instance's write reaches it by message.
        var freshUntil = Math.Min(copy.FreshUntilMs, NowMs() + (long)policy.MemoryFreshFor.TotalMilliseconds);
        await memory.SetIfNotOlderAsync(key, copy with { FreshUntilMs = freshUntil }, policy.MemoryFreshFor);
    }

    private async Task<CachedCopy<T>?> TryGetFromRedisAsync<T>(string key)
    {
        try
        {
            return await redis!.GetAsync<T>(key);
        }
        catch (CacheLevelUnavailableException)
        {
            return null;
        }
    }

    private long NowMs() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
