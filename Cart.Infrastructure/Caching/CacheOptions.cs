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
    /// Once the circuit breaker in front of Redis opens, how long the cart cache and the rate limits stop asking it
    /// (no timeout paid on every request meanwhile); FusionCache's breaker for products uses it too. At least half a
    /// second, Polly's least.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan CircuitBreakerDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share of failed Redis calls within <see cref="CircuitBreakerSamplingDuration"/> that opens the breaker.
    /// Low: Redis rarely fails one call in ten without failing them all, and each failure may have cost a timeout.
    /// </summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    /// <summary>
    /// Calls within <see cref="CircuitBreakerSamplingDuration"/> before the ratio counts: 2 (Polly's least), so a
    /// quiet instance opens at its second failure, as a busy one opens within its first timeouts.
    /// </summary>
    [Range(2, 10_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 2;

    /// <summary>
    /// The window of calls the failure ratio is taken over. Short, so that when Redis goes away the successes from
    /// just before soon stop outweighing the failures.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

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
