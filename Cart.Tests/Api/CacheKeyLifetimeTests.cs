using System.Net;
using Cart.Tests.Fixtures;
using StackExchange.Redis;

namespace Cart.Tests.Api;

/// <summary>
/// Keys a caller can choose (an unknown SKU, an owner who only reads) must not live in Redis for hours, and no key
/// the service writes may live forever.
/// </summary>
[Collection(nameof(PostgresApiCollection))]
public sealed class CacheKeyLifetimeTests(PostgresApiFixture fixture)
{
    // Longer than the default, so that no entry expires while a test is still making them.
    private static readonly TimeSpan NegativeDuration = TimeSpan.FromMinutes(1);
    private static readonly Dictionary<string, string?> Settings = new() { ["Cache:NegativeDuration"] = "00:01:00" };

    [Fact]
    public async Task GetProduct_When1000UnknownSkusAreAskedFor_NoKeyOutlivesTheNegativeDuration()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix, settings: Settings);
        var client = host.CreateClient();

        for (var i = 0; i < 1_000; i++)
        {
            var response = await client.GetAsync($"/api/v1/products/NOPE-{Guid.NewGuid():N}"[..40]);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var lifetimes = await KeyLifetimesAsync(prefix + "product:");
        Assert.Equal(1_000, lifetimes.Count);
        Assert.All(lifetimes, k => Assert.True(k.Ttl is { } ttl && ttl <= NegativeDuration,
            $"{k.Key} lives {k.Ttl?.ToString() ?? "forever"}"));
    }

    [Fact]
    public async Task GetCart_WhenOwnersWithoutACartOnlyRead_TheirEntriesLiveSecondsButRealCartsAreKeptLonger()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix, settings: Settings);
        for (var i = 0; i < 50; i++)
        {
            await host.NewShopper().Client.GetCartAsync();
        }

        var shopper = host.NewShopper().Client;
        await shopper.AddAsync(TestCatalog.Mug, 1);
        await shopper.GetCartAsync();

        var lifetimes = await KeyLifetimesAsync(prefix + "cart:");
        Assert.Equal(51, lifetimes.Count);
        Assert.Equal(50, lifetimes.Count(k => k.Ttl <= NegativeDuration));
        Assert.All(lifetimes, k => Assert.NotNull(k.Ttl));
    }

    [Fact]
    public async Task Requests_WhenServed_EveryRedisKeyTheServiceWritesHasATtl()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix, settings: Settings);
        var (guest, guestToken, _) = await host.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Shirt, 1);
        var shopper = host.NewShopper().Client;
        await shopper.AddAsync(TestCatalog.Mug, 2);
        await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);
        await guest.GetCartAsync();
        await shopper.GetCartAsync();
        await host.CreateClient().GetAsync($"/api/v1/products/{TestCatalog.Lamp}");

        var lifetimes = await KeyLifetimesAsync(prefix);
        Assert.NotEmpty(lifetimes);
        Assert.All(lifetimes, k => Assert.True(k.Ttl is not null, $"{k.Key} has no TTL"));
    }


    private static async Task<List<(string Key, TimeSpan? Ttl)>> KeyLifetimesAsync(string keyPrefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ApiFixture.RedisAddress);
        var server = redis.GetServers().Single();
        var database = redis.GetDatabase();
        var lifetimes = new List<(string, TimeSpan?)>();
        await foreach (var key in server.KeysAsync(pattern: keyPrefix + "*", pageSize: 1_000))
        {
            // PTTL: -1 for a key without a TTL (reported as null), -2 for one gone meanwhile (skipped).
            var ttl = (long)await database.ExecuteAsync("PTTL", key);
            if (ttl != -2)
            {
                lifetimes.Add((key.ToString(), ttl == -1 ? null : TimeSpan.FromMilliseconds(ttl)));
            }
        }

        return lifetimes;
    }
}
