using System.Globalization;
using System.Net;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Resilience;
using Cart.Tests.Fixtures;
using Cart.Web.Carts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace Cart.Tests.Api;

/// <summary>
/// The hot cache with a real Redis and a real PostgreSQL: cache-aside, invalidation across instances, and what the
/// service does when Redis or the database goes away. Outages are made with a <see cref="TcpProxy"/> in front of the
/// real server, so the shared servers keep running for the other tests.
/// </summary>
[Collection(nameof(PostgresApiCollection))]
public sealed class CacheTests(PostgresApiFixture fixture)
{
    private static readonly Dictionary<string, string?> QuickBreaker = new()
    {
        ["Cache:RedisTimeout"] = "00:00:00.200",
        ["Cache:CircuitBreakerDuration"] = "00:00:00.500",
    };

    [Fact]
    public async Task GetCart_WhenReadTwice_SecondReadIsServedFromTheCache()
    {
        var (client, userId) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);
        await client.GetCartAsync();

        // Changed behind the service's back: only a read that reaches the database would see it.
        await SetQuantityInDatabaseAsync(fixture.Factory, userId, 7);
        var cached = await client.GetCartAsync();

        Assert.Equal(1, cached.Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task AddItem_WhenCommitted_DropsTheCachedCartSoTheNextReadIsFresh()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);
        Assert.Equal(1, (await client.GetCartAsync()).Quantity(TestCatalog.Mug));

        await client.AddAsync(TestCatalog.Mug, 2);

        Assert.Equal(3, (await client.GetCartAsync()).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task AddItem_WhenWrittenOnOneInstance_NextReadOnAnotherInstanceSeesIt()
    {
        await using var other = fixture.AnotherInstance();
        var token = TestAuth.Shopper(ApiFixture.NewUserId());
        var onA = fixture.WithToken(token);
        var onB = other.ClientWithToken(token);
        await onA.AddAsync(TestCatalog.Shirt, 1);
        Assert.Equal(1, (await onB.GetCartAsync()).Quantity(TestCatalog.Shirt)); // B has it cached now

        for (var i = 2; i <= 5; i++)
        {
            await onA.AddAsync(TestCatalog.Shirt, 1);
            Assert.Equal(i, (await onB.GetCartAsync()).Quantity(TestCatalog.Shirt));
        }
    }

    [Fact]
    public async Task AddItem_WhenCartsAreAlsoInProcessMemory_TheBackplaneEvictsThemOnOtherInstances()
    {
        var inMemory = new Dictionary<string, string?> { ["Cache:CartsInProcessMemory"] = "true" };
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var a = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix, settings: inMemory);
        await using var b = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix, settings: inMemory);
        var token = TestAuth.Shopper(ApiFixture.NewUserId());
        var onA = a.ClientWithToken(token);
        var onB = b.ClientWithToken(token);
        await onA.AddAsync(TestCatalog.Shirt, 1);
        Assert.Equal(1, (await onB.GetCartAsync()).Quantity(TestCatalog.Shirt)); // now in B's memory

        await onA.AddAsync(TestCatalog.Shirt, 1);

        // The eviction travels through Redis pub/sub: it arrives a moment after the write, not with it.
        Assert.True(await Eventually.TrueAsync(async () => (await onB.GetCartAsync()).Quantity(TestCatalog.Shirt) == 2),
            "B kept serving its in-memory copy after A's write");
    }

    [Fact]
    public async Task GetCart_WhenRedisGoesDown_ReadsAndWritesGoOnAgainstTheDatabase()
    {
        await using var redis = TcpProxy.For(ApiFixture.RedisAddress);
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: $"127.0.0.1:{redis.Port}",
            settings: QuickBreaker);
        var (client, userId) = host.NewShopper();
        await client.AddAsync(TestCatalog.Lamp, 1);
        await client.GetCartAsync();

        await redis.CutAsync();
        var whileDown = await client.GetCartAsync();
        await SetQuantityInDatabaseAsync(host, userId, 4);
        var fromDatabase = await client.GetCartAsync();
        var written = await client.AddAsync(TestCatalog.Lamp, 1);

        Assert.Equal(1, whileDown.Quantity(TestCatalog.Lamp));
        Assert.Equal(4, fromDatabase.Quantity(TestCatalog.Lamp));
        Assert.Equal(5, written.Quantity(TestCatalog.Lamp));
    }

    [Fact]
    public async Task GetCart_WhenRedisComesBack_CacheServesHitsAgainAndNoStaleCartAppears()
    {
        await using var redis = TcpProxy.For(ApiFixture.RedisAddress);
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: $"127.0.0.1:{redis.Port}",
            settings: QuickBreaker);
        var (client, userId) = host.NewShopper();
        await client.AddAsync(TestCatalog.Lamp, 1);
        await client.GetCartAsync(); // cached in Redis at quantity 1
        await redis.CutAsync();
        await client.AddAsync(TestCatalog.Lamp, 1); // committed while Redis could not be told: the put waits

        redis.Restore();
        var multiplexer = host.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(multiplexer.IsConnected)), "Redis did not reconnect");
        host.Clock.Advance(TimeSpan.Parse(QuickBreaker["Cache:CircuitBreakerDuration"]!,
            CultureInfo.InvariantCulture)); // past the circuit breaker: reads go to Redis again
        var afterward = await client.GetCartAsync();
        Assert.Equal(2, afterward.Quantity(TestCatalog.Lamp));

        // Hits again once Redis is reachable: a change behind the service's back stays unseen.
        var hit = await Eventually.TrueAsync(async () =>
        {
            await client.GetCartAsync();
            await SetQuantityInDatabaseAsync(host, userId, 9);
            var served = (await client.GetCartAsync()).Quantity(TestCatalog.Lamp);
            await client.PutJsonAsync(CartApi.Item(TestCatalog.Lamp), new { quantity = 2 }); // back to 2, uncached
            return served == 2;
        });
        Assert.True(hit, "the cache never served a hit after Redis came back");
    }

    [Fact]
    public async Task GetCart_WhenTheRateLimiterMeetsARedisFailure_ReadsSkipTheCacheUntilTheBreakIsOver()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix);
        var (client, userId) = host.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1); // the committed cart is put into Redis
        // A broken rate-limit window (named as RedisRateLimiting names its keys): that caller's limiter calls fail.
        var (broken, brokenId) = host.NewShopper();
        await RedisFaults.BreakKeyAsync($"rl:fw:{{{prefix}user:{brokenId}}}:exp");

        await broken.GetCartAsync();

        // The limiter and the cart cache share one breaker: the cache leaves Redis alone too, so a change behind
        // the service's back shows, until the break is over and the cached cart answers again.
        await SetQuantityInDatabaseAsync(host, userId, 7);
        Assert.Equal(7, (await client.GetCartAsync()).Quantity(TestCatalog.Mug));
        host.Clock.Advance(new ResilienceOptions().Redis.BreakDuration);
        Assert.Equal(1, (await client.GetCartAsync()).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task GetCart_OnAnotherInstance_WhenTheWritersCircuitIsOpen_StillShowsTheAcknowledgedWrite()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var writer = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix);
        await using var reader = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            redisKeyPrefix: prefix);
        var token = TestAuth.Shopper(ApiFixture.NewUserId());
        await reader.ClientWithToken(token).AddAsync(TestCatalog.Mug, 1); // version 1 is in Redis
        // The writer's circuit opens (another shopper's cart key is broken), the reader's stays closed.
        var (broken, brokenId) = writer.NewShopper();
        await RedisFaults.BreakKeyAsync($"{prefix}cart:user:{brokenId}");
        await broken.GetCartAsync();
        await broken.GetCartAsync();

        var written = await writer.ClientWithToken(token)
            .PutJsonAsync(CartApi.Item(TestCatalog.Mug), new { quantity = 3 });
        await written.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(3, (await reader.ClientWithToken(token).GetCartAsync()).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task GetCart_WhenDatabaseIsUnreachable_IsServedFromTheCacheWhileWritesGet503()
    {
        await using var database = new TcpProxy("127.0.0.1", PostgresPort());
        var settings = new Dictionary<string, string?>(QuickBreaker)
        {
            ["Database:ConnectionString"] = ThroughProxy(fixture.Factory.Database.ConnectionString, database.Port),
        };
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            settings: settings);
        var (client, _) = host.NewShopper();
        await client.AddAsync(TestCatalog.Shirt, 2);
        var before = await client.GetCartAsync();

        await database.CutAsync();
        NpgsqlConnection.ClearAllPools();
        var read = await client.GetCartAsync();
        var write = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Shirt, quantity = 1 });
        var (stranger, _) = host.NewShopper();
        var uncachedRead = await stranger.GetAsync(CartApi.Cart);

        Assert.Equal(before.GetRawText(), read.GetRawText());
        await write.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.True(write.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
        await uncachedRead.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");

        database.Restore();
        var recovered = await Eventually.TrueAsync(async () =>
            (await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Shirt, quantity = 1 })).StatusCode
            == HttpStatusCode.OK);
        Assert.True(recovered, "writes did not come back with the database");
        Assert.Equal(3, (await client.GetCartAsync()).Quantity(TestCatalog.Shirt)); // the refused write left no trace
    }


    [Fact]
    public async Task GetCart_WhenTheDatabaseHangsAndTheReadIsWorthRecording_IsServedFromTheCacheWithoutWaiting()
    {
        await using var database = new TcpProxy("127.0.0.1", PostgresPort());
        var settings = new Dictionary<string, string?>(QuickBreaker)
        {
            // A connection attempt to the hung database gives up after 30 s; the read must not wait for it.
            ["Database:ConnectionString"] = ThroughProxy(fixture.Factory.Database.ConnectionString, database.Port)
                                            + ";Timeout=30",
        };
        await using var host = new CartAppFactory(fixture.Factory.Database, redis: ApiFixture.RedisAddress,
            settings: settings);
        var (client, _) = host.NewShopper();
        var cartId = (await client.AddAsync(TestCatalog.Shirt, 2)).CartId();
        // The cached copy says the cart was last active two days ago: this read counts as activity (the 30-day
        // cleanup keeps carts their owner still opens), and recording it is a write to the database.
        await host.WithDbAsync(async db =>
        {
            await db.Carts().Where(c => c.Id == cartId).ExecuteUpdateAsync(u =>
                u.SetProperty(c => c.LastActiveAt, host.Clock.GetUtcNow() - TimeSpan.FromDays(2)));
            var cart = await db.Carts().AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == cartId);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CartCache>().PutAsync(cart.Owner, CartSnapshot.Of(cart, cart.Version));
        });
        var reader = host.ClientWithToken(client.DefaultRequestHeaders.Authorization!.Parameter!);
        reader.Timeout = TimeSpan.FromSeconds(10);

        await database.StallAsync();
        NpgsqlConnection.ClearAllPools();
        var read = await reader.GetCartAsync();

        Assert.Equal(2, read.Quantity(TestCatalog.Shirt));
    }

    private static async Task SetQuantityInDatabaseAsync(CartAppFactory host, string userId, int quantity) =>
        await host.WithDbAsync(db => db.CartLines()
            .Where(l => db.Carts().Any(c => c.Id == l.CartId && c.OwnerId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, quantity)));

    private static int PostgresPort() => new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString).Port;

    private static string ThroughProxy(string connectionString, int port) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Port = port, Timeout = 2 }.ConnectionString;
}
