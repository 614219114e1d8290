using StackExchange.Redis;

namespace Cart.Tests.Fixtures;

/// <summary>Redis failures that leave the connection up, unlike a cut <see cref="TcpProxy"/>.</summary>
public static class RedisFaults
{
    /// <summary>
    /// Puts a hash where the service keeps a string, so every call of the service on <paramref name="key"/> (the full
    /// key, prefix included) fails with WRONGTYPE for the next five minutes.
    /// </summary>
    public static async Task BreakKeyAsync(string key)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ApiFixture.RedisAddress);
        await redis.GetDatabase().HashSetAsync(key, "not", "what the service wrote");
        await redis.GetDatabase().KeyExpireAsync(key, TimeSpan.FromMinutes(5));
    }

    /// <summary>
    /// Puts a string where a hash is kept (the products' distributed cache stores hashes), so every call on
    /// <paramref name="key"/> fails with WRONGTYPE for the next five minutes.
    /// </summary>
    public static async Task BreakHashKeyAsync(string key)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ApiFixture.RedisAddress);
        await redis.GetDatabase().StringSetAsync(key, "not what the service wrote", TimeSpan.FromMinutes(5));
    }
}
