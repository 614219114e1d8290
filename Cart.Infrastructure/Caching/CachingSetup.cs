using System.Text.Json;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Cart.Infrastructure.Caching;

public static class CachingSetup
{
    /// <summary>The FusionCache instance for carts (products use the default one).</summary>
    public const string CartsCacheName = "carts";

    /// <summary>
    /// FusionCache over Redis (Microsoft.Extensions.Caching.StackExchangeRedis as its distributed level, and a Redis
    /// backplane so an eviction reaches every instance's memory), or over process memory alone when no Redis is set.
    /// Redis failures never fail a request: a circuit breaker stops asking for a while, failed evictions are replayed
    /// when Redis is back (auto-recovery), and stale copies answer reads while the database is down (fail-safe).
    /// </summary>
    internal static IServiceCollection AddCartCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName);
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CacheMetrics>();

        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        var cache = configuration.GetSection(CacheOptions.SectionName).Get<CacheOptions>() ?? new CacheOptions();

        if (redis.IsConfigured)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => Connect(redis.Configuration!, cache));
        }

        // Products: a failed Redis write is replayed when Redis is back (auto-recovery).
        Configure(services.AddFusionCache(), redis, cache, autoRecovery: true);
        // Carts: no replays. A replayed read-fill could put back a cart older than a write made meanwhile, whose
        // delete went straight to Redis (PendingCartInvalidations) where the replay cannot see it.
        Configure(services.AddFusionCache(CartsCacheName), redis, cache, autoRecovery: false);
        return services;
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
                o.DistributedCacheCircuitBreakerDuration = cache.CircuitBreakerDuration;
                o.BackplaneCircuitBreakerDuration = cache.CircuitBreakerDuration;
                o.EnableAutoRecovery = autoRecovery;
                o.AutoRecoveryDelay = TimeSpan.FromSeconds(1);
                // A failed Redis call is expected when Redis is down; it is logged once per trip of the breaker.
                o.DistributedCacheErrorsLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning;
                o.FactorySyntheticTimeoutsLogLevel = Microsoft.Extensions.Logging.LogLevel.Debug;
            })
            .WithDefaultEntryOptions(e =>
            {
                e.Duration = cache.CartDuration;
                e.IsFailSafeEnabled = true;
                e.FailSafeMaxDuration = cache.FailSafeMaxDuration;
                e.FailSafeThrottleDuration = TimeSpan.FromSeconds(10);
                // Writes must have dropped the entry before the change is acknowledged. No timeouts of FusionCache's
                // own around Redis calls (a timer per call on the hot path): the Redis client's timeout bounds each
                // call, and the circuit breaker stops the next ones.
                e.AllowBackgroundDistributedCacheOperations = false;
                e.AllowBackgroundBackplaneOperations = false;
            })
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        if (!redis.IsConfigured)
        {
            return;
        }

        fusion
            .WithDistributedCache(sp => new RedisCache(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
            }))
            .WithBackplane(sp => new RedisBackplane(new RedisBackplaneOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
            }));
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
