using Cart.Domain.Catalog;
using Cart.Infrastructure.Caching;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace Cart.Infrastructure.Catalog;

/// <summary>
/// The catalog as other modules see it: products from memory or Redis, the database only for what is missing.
/// Unknown SKUs are remembered for seconds (<see cref="CacheOptions.NegativeDuration"/>), so a client asking for one
/// again and again does not reach the database, and made-up SKUs do not pile up in Redis.
/// </summary>
internal sealed class CachedProductCatalog(
    ProductQueries store,
    IFusionCache cache,
    IOptions<CacheOptions> options,
    CacheMetrics metrics) : IProductCatalog
{
    private const string CacheName = "product";

    public async Task<IReadOnlyDictionary<string, ProductInfo>> FindAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ProductInfo>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var sku in skus.Distinct(StringComparer.Ordinal))
        {
            var cached = await cache.TryGetAsync<ProductInfo?>(Key(sku), Entry(), cancellationToken);
            if (!cached.HasValue)
            {
                missing.Add(sku);
                metrics.Miss(CacheName);
                continue;
            }

            metrics.Hit(CacheName);
            if (cached.Value is not null)
            {
                found[sku] = cached.Value;
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        IReadOnlyDictionary<string, ProductInfo> loaded;
        try
        {
            loaded = await store.FindAsync(missing, cancellationToken);
        }
        catch (Exception ex) when (Persistence.DbErrors.IsUnavailable(ex))
        {
            // The database is unreachable: answer with stale copies if every missing product has one.
            if (await AddStaleAsync(missing, found, cancellationToken))
            {
                return found;
            }

            throw;
        }

        foreach (var sku in missing)
        {
            var product = loaded.GetValueOrDefault(sku);
            var entry = product is null ? UnknownSkuEntry() : Entry();
            await cache.SetAsync<ProductInfo?>(Key(sku), product, entry, cancellationToken);
            if (product is not null)
            {
                found[sku] = product;
            }
        }

        return found;
    }

    /// <summary>
    /// Reads the database and puts what it read into the cache: checkout refuses a price the cache no longer matches,
    /// and the shopper's next read (and price acceptance) must then show the price checkout saw.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ProductInfo>> FindOnPrimaryAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(skus, cancellationToken);
        foreach (var sku in skus.Distinct(StringComparer.Ordinal))
        {
            var product = loaded.GetValueOrDefault(sku);
            await cache.SetAsync<ProductInfo?>(Key(sku), product, product is null ? UnknownSkuEntry() : Entry(),
                cancellationToken);
        }

        return loaded;
    }

    private async Task<bool> AddStaleAsync(List<string> skus, Dictionary<string, ProductInfo> found,
        CancellationToken cancellationToken)
    {
        var stale = Entry();
        stale.AllowStaleOnReadOnly = true;
        foreach (var sku in skus)
        {
            var cached = await cache.TryGetAsync<ProductInfo?>(Key(sku), stale, cancellationToken);
            if (!cached.HasValue)
            {
                return false;
            }

            if (cached.Value is not null)
            {
                found[sku] = cached.Value;
            }
        }

        return true;
    }

    private FusionCacheEntryOptions Entry()
    {
        var entry = cache.CreateEntryOptions(duration: options.Value.ProductDuration);
        entry.MemoryCacheDuration = options.Value.ProductMemoryDuration;
        return entry;
    }

    /// <summary>
    /// An unknown SKU is a key any caller can choose: it lives only seconds, in memory and in Redis, and is never kept
    /// as a fail-safe copy (which would keep it for hours).
    /// </summary>
    private FusionCacheEntryOptions UnknownSkuEntry()
    {
        var entry = cache.CreateEntryOptions(duration: options.Value.NegativeDuration);
        entry.IsFailSafeEnabled = false;
        entry.MemoryCacheDuration = options.Value.NegativeDuration < options.Value.ProductMemoryDuration
            ? options.Value.NegativeDuration
            : options.Value.ProductMemoryDuration;
        return entry;
    }

    private static string Key(string sku) => ProductCacheKeys.For(sku);
}
