using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Caching;

/// <summary>How long things stay cached, and how quickly the service gives up on a slow or absent Redis.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>How long a cart stays fresh in the cache (it is dropped on every write anyway).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CartDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a stale copy is kept to answer reads while the database is down.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan FailSafeMaxDuration { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a product's price is kept in process memory before it is read from Redis again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ProductMemoryDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ProductDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest wait for Redis before the database answers instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Keep carts in process memory too, in front of Redis, evicted on other instances by the Redis backplane.
    /// Faster reads, but the eviction reaches other instances a moment after the write is acknowledged, so a read
    /// there in that moment can still see the cart from before. Off: carts are read from Redis every time.
    /// </summary>
    public bool CartsInProcessMemory { get; set; }

    /// <summary>
    /// How long the cache remembers that something does not exist (an owner without a cart, an unknown SKU). Kept
    /// short: such keys are chosen by callers. Reads that take longer than half of it to load do not fill the cache.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:05:00")]
    public TimeSpan NegativeDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>With <see cref="CartsInProcessMemory"/>: how long the copy in process memory is trusted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CartMemoryDuration { get; set; } = TimeSpan.FromSeconds(30);
}
