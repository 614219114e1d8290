using System.Text.Json;
using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Cart.Infrastructure.Caching;

public static class CachingSetup
{
    /// <summary>
    /// Products: FusionCache over Redis (Microsoft.Extensions.Caching.StackExchangeRedis as its distributed level, and
    /// a Redis backplane so an eviction reaches every instance's memory). Carts: the versioned cache
    /// (<see cref="Versioned.VersionedCache"/>). Without Redis both run on process memory alone. Redis failures never
    /// fail a request: the one circuit breaker in front of Redis (<see cref="RedisCircuitBreaker"/>, which carts,
    /// products and the rate limits share) stops asking for a while, failed writes are retried when Redis is back,
    /// and stale copies answer reads while the database is down (fail-safe).
    /// </summary>
    internal static IServiceCollection AddCartCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName);
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CacheMetrics>();

        // Read here as well as bound above: whether Redis is configured decides what is registered, and FusionCache's
        // builder takes its settings at registration. What is built later (the cart cache) uses the bound options.
        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        var cache = configuration.GetSection(CacheOptions.SectionName).Get<CacheOptions>() ?? new CacheOptions();

        if (redis.IsConfigured)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => Connect(redis.Configuration!, cache));
            services.AddRedisCircuitBreaker();
        }

        // Products: FusionCache; a failed Redis write is replayed when Redis is back (auto-recovery).
        Configure(services.AddFusionCache(), redis, cache, autoRecovery: true);
        AddCartCache(services, redis.IsConfigured);
        return services;
    }

    /// <summary>
    /// Carts: the versioned cache (Redis, process memory, or both), in which a read's fill never replaces a newer
    /// committed cart (docs/CACHING.md).
    /// </summary>
    private static void AddCartCache(IServiceCollection services, bool hasRedis)
    {
        services.AddCartResilience();
        services.AddSingleton<PendingCacheWrites>();
        services.AddSingleton(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var cache = sp.GetRequiredService<IOptions<CacheOptions>>().Value;
            var multiplexer = sp.GetService<IConnectionMultiplexer>();
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            var redisStore = multiplexer is null
                ? null
                : new RedisVersionedStore(multiplexer, sp.GetRequiredService<RedisCircuitBreaker>(), redis.KeyPrefix,
                    json);
            var memoryStore = multiplexer is null || cache.CartsInProcessMemory ? new MemoryVersionedStore() : null;
            var policy = new VersionedCachePolicy(cache.CartDuration, cache.CartMemoryDuration,
                cache.NegativeDuration, cache.FailSafeMaxDuration);
            return new VersionedCache(memoryStore, redisStore, sp.GetRequiredService<PendingCacheWrites>(), policy,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CacheMetrics>(), "cart");
        });
        services.AddSingleton<IVersionedCache>(sp => sp.GetRequiredService<VersionedCache>());
        services.AddHostedService(sp => sp.GetRequiredService<VersionedCache>());
        if (hasRedis)
        {
            services.AddHostedService(sp => sp.GetRequiredService<PendingCacheWrites>());
        }
    }

    private static void Configure(IFusionCacheBuilder fusion, RedisOptions redis, CacheOptions cache,
        bool autoRecovery)
    {
        fusion
            .WithOptions(o =>
            {
                o.CacheKeyPrefix = redis.KeyPrefix;
                // Keys in Redis are exactly prefix + key, so a cart entry can also be deleted directly.
                o.DistributedCacheKeyModifierMode = CacheKeyModifierMode.None;
                // No breakers of FusionCache's own: its Redis calls go through the one Redis breaker
                // (BreakerGuardedDistributedCache, BreakerGuardedBackplane), which the cart cache and the rate limits
                // share, so all of them stop and start asking Redis together.
                o.DistributedCacheCircuitBreakerDuration = TimeSpan.Zero;
                o.BackplaneCircuitBreakerDuration = TimeSpan.Zero;
                o.EnableAutoRecovery = autoRecovery;
                o.AutoRecoveryDelay = TimeSpan.FromSeconds(1);
                // A failed Redis call is expected when Redis is down: the breaker logs it once per trip, and a call
                // refused while it is open (then replayed by auto-recovery) is no news.
                o.DistributedCacheErrorsLogLevel = LogLevel.Debug;
                o.BackplaneErrorsLogLevel = LogLevel.Debug;
                o.FactorySyntheticTimeoutsLogLevel = LogLevel.Debug;
            })
            .WithDefaultEntryOptions(e =>
            {
                e.Duration = cache.ProductDuration;
                e.IsFailSafeEnabled = true;
                e.FailSafeMaxDuration = cache.FailSafeMaxDuration;
                e.FailSafeThrottleDuration = TimeSpan.FromSeconds(10);
                // A price change must have dropped the entry everywhere before it is acknowledged. No timeouts of
                // FusionCache's own around Redis calls (a timer per call on the hot path): the Redis client's timeout bounds each
                // call, and the circuit breaker stops the next ones.
                e.AllowBackgroundDistributedCacheOperations = false;
                e.AllowBackgroundBackplaneOperations = false;
            })
            // IncludeFields: value tuples keep their values in fields, which System.Text.Json skips by default;
            // FusionCache checks this when it sets up its serializer, and would warn of data loss at every start.
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(
                new JsonSerializerOptions(JsonSerializerDefaults.Web) { IncludeFields = true }));

        if (!redis.IsConfigured)
        {
            return;
        }

        fusion
            .WithDistributedCache(sp => new BreakerGuardedDistributedCache(new RedisCache(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
            }), sp.GetRequiredService<RedisCircuitBreaker>()))
            .WithBackplane(sp => new BreakerGuardedBackplane(new RedisBackplane(new RedisBackplaneOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
            }), sp.GetRequiredService<RedisCircuitBreaker>()));
    }

    /// <summary>One connection for the cache, the backplane, the rate limiter and the health check.</summary>
    private static ConnectionMultiplexer Connect(string configuration, CacheOptions cache)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down, and keep reconnecting in the background.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)Math.Max(cache.RedisTimeout.TotalMilliseconds * 4, 1000);
        options.SyncTimeout = (int)Math.Max(cache.RedisTimeout.TotalMilliseconds, 50);
        options.AsyncTimeout = options.SyncTimeout;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        // Complete Redis replies on the .NET thread pool rather than the client's own dedicated threads: one hop
        // less per cache read, which showed in the read benchmark on few cores (docs/PERFORMANCE.md).
        options.SocketManager = SocketManager.ThreadPool;
        return ConnectionMultiplexer.Connect(options);
    }

    public static bool HasRedis(this IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer));
}
