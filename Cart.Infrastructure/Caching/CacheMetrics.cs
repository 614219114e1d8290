using System.Diagnostics.Metrics;

namespace Cart.Infrastructure.Caching;

/// <summary>Cache hits and misses, by cache (cart, product): the hit rate the alerts watch.</summary>
public sealed class CacheMetrics
{
    public const string MeterName = "Cart.Cache";

    private readonly Counter<long> _lookups;

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _lookups = meter.CreateCounter<long>("cart.cache.lookups", unit: "{lookup}",
            description: "Cache lookups by cache and result (hit or miss).");
    }

    public void Hit(string cache) => _lookups.Add(1, new("cache", cache), new("result", "hit"));

    public void Miss(string cache) => _lookups.Add(1, new("cache", cache), new("result", "miss"));
}
