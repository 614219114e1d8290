using Cart.Domain.Carts;
using Cart.Infrastructure.Caching;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace Cart.Web.Carts;

/// <summary>
/// Carts in the hot cache, cache-aside: reads fill it from the database, writes drop the entry after they commit.
/// With Redis, carts live in Redis only (no copy in process memory), so a write on any instance is seen by the next
/// read on every instance; <see cref="CacheOptions.CartsInProcessMemory"/> trades that for speed (docs/CACHING.md).
/// Without Redis (one instance), process memory is the cache.
/// </summary>
internal sealed class CartCache(IFusionCacheProvider caches, IOptions<CacheOptions> options, CacheMetrics metrics,
    PendingCartInvalidations pending)
{
    private readonly IFusionCache _cache = caches.GetCache(CachingSetup.CartsCacheName);

    private const string CacheName = "cart";

    /// <summary>The owner's cart (null: none yet), from the cache or, on a miss, from <paramref name="load"/>.</summary>
    public async Task<CartSnapshot?> GetAsync(CartOwner owner, Func<CancellationToken, Task<CartSnapshot?>> load,
        CancellationToken cancellationToken)
    {
        var key = Key(owner);
        if (pending.IsPending(key))
        {
            // A write here could not drop the Redis copy yet: only the database is sure to have this cart right.
            metrics.Miss(CacheName);
            return await load(cancellationToken);
        }

        // A plain read first: most reads are hits, and a hit needs none of the miss path's per-key lock.
        var entry = Entry();
        var cached = await _cache.TryGetAsync<CartSnapshot?>(key, entry, cancellationToken);
        if (cached.HasValue)
        {
            metrics.Hit(CacheName);
            return cached.Value;
        }

        var missed = false;
        var snapshot = await _cache.GetOrSetAsync<CartSnapshot?>(key, async (_, ct) =>
        {
            missed = true;
            return await load(ct);
        }, entry, cancellationToken);

        if (missed)
        {
            metrics.Miss(CacheName);
        }
        else
        {
            metrics.Hit(CacheName);
        }

        return snapshot;
    }

    /// <summary>
    /// Drops the owner's entry; called after a write commits and before it is acknowledged. A read that loaded the
    /// old cart just before the commit could still put it back, so the entry is dropped once more a moment later.
    /// </summary>
    public async Task InvalidateAsync(CartOwner owner)
    {
        var key = Key(owner);
        await DropAsync(key);
        var delay = options.Value.SecondInvalidationDelay;
        if (delay > TimeSpan.Zero)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(delay, CancellationToken.None);
                await DropAsync(key);
            }, CancellationToken.None);
        }
    }

    private async Task DropAsync(string key)
    {
        if (!pending.HasRedis || options.Value.CartsInProcessMemory)
        {
            // Process memory here, and through the backplane on the other instances.
            await _cache.RemoveAsync(key, Entry(), CancellationToken.None);
        }

        if (pending.HasRedis)
        {
            // Straight to Redis, not through the cache's circuit breaker: a drop that did not happen must be known.
            await pending.DeleteAsync(key);
        }
    }

    private FusionCacheEntryOptions Entry()
    {
        var entry = _cache.CreateEntryOptions(duration: options.Value.CartDuration);
        if (_cache.HasDistributedCache && !options.Value.CartsInProcessMemory)
        {
            entry.SkipMemoryCacheRead = true;
            entry.SkipMemoryCacheWrite = true;
            entry.SkipBackplaneNotifications = true;
        }

        return entry;
    }

    private static string Key(CartOwner owner) => $"owner:{owner.Key}";
}
