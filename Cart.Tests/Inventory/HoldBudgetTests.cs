using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cart.Tests.Inventory;

/// <summary>
/// What one caller holds of one SKU over all its carts is bounded: guests per client address (a bot starts as many
/// guest sessions as it likes), signed-in shoppers per user. Beyond the budget a line stays in its cart, unheld, as
/// with the per-cart caps. The budget is read from the database under the SKU's stock-row lock, so it holds across
/// instances and while Redis is down. Each test has its own hosts that take client addresses from a header.
/// </summary>
public abstract class HoldBudgetTests(DatabaseProvider provider, bool useRedis) : OwnHostsTest(provider)
{
    protected const int AddressBudget = 10;
    private const int ShopperBudget = 3; // below a guest line's cap, so a merge can bring more

    [Fact]
    public async Task AddItem_WhenSevenGuestSessionsFromOneAddressTakeOneSku_TheyHoldAtMostTheAddressBudget()
    {
        var (one, two) = (Host(), Host());
        var sku = await one.Factory.NewStockedProductAsync(100);
        var guests = new List<HttpClient>();
        for (var i = 0; i < 7; i++)
        {
            guests.Add(await GuestAsync(i % 2 == 0 ? one.Web : two.Web, "203.0.113.7"));
        }

        // All at once, on two instances: the budget is not spent twice by racing carts.
        var carts = await Task.WhenAll(guests.Select(async g =>
            await (await g.PostJsonAsync(CartApi.Items, new { sku, quantity = HoldHosts.GuestUnitsPerLine }))
                .ExpectAsync(HttpStatusCode.OK)));

        Assert.All(carts, c => Assert.Equal(HoldHosts.GuestUnitsPerLine, c.Quantity(sku)));
        Assert.Equal(AddressBudget, carts.Sum(c => c.HoldOf(sku).Units() ?? 0));
        Assert.Equal((100, AddressBudget), await one.Factory.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenGuestsComeFromTwoAddresses_EachAddressHasItsOwnBudget()
    {
        var host = Host();
        var sku = await host.Factory.NewStockedProductAsync(100);

        var first = await HeldAsync(host.Web, "198.51.100.1", sku, sessions: 4);
        var second = await HeldAsync(host.Web, "198.51.100.2", sku, sessions: 4);
        // One IPv6 subscriber's /64 is one address, however many of its addresses it uses.
        var third = await HeldAsync(host.Web, "2001:db8:5:5::1", sku, sessions: 2)
                    + await HeldAsync(host.Web, "2001:db8:5:5::2", sku, sessions: 2);

        Assert.Equal((AddressBudget, AddressBudget, AddressBudget), (first, second, third));
        Assert.Equal((100, 3 * AddressBudget), await host.Factory.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenAShopperComesFromManyAddresses_TheirBudgetIsPerShopper()
    {
        var host = Host();
        var sku = await host.Factory.NewStockedProductAsync(100);
        var token = TestAuth.Shopper(ApiFixture.NewUserId(), now: host.Factory.Clock.GetUtcNow());

        var cart = await (await Client(host.Web, "198.51.100.3", token)
                .PostJsonAsync(CartApi.Items, new { sku, quantity = HoldHosts.UserUnitsPerLine }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HoldHosts.UserUnitsPerLine, cart.Quantity(sku));
        Assert.Equal(ShopperBudget, cart.HoldOf(sku).Units());
        Assert.Equal((100, ShopperBudget), await host.Factory.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task MergeGuestCart_WhenTheGuestCartBringsMoreThanTheShoppersBudget_TheShopperHoldsTheBudget()
    {
        // The guest's holds count against its address; once merged, the lines are the shopper's and count against
        // the shopper: the address's budget is free again, the shopper's is not exceeded.
        var host = Host();
        var sku = await host.Factory.NewStockedProductAsync(100);
        var (guest, guestToken) = await GuestWithTokenAsync(host.Web, "198.51.100.4");
        await guest.AddAsync(sku, HoldHosts.GuestUnitsPerLine);
        var token = TestAuth.Shopper(ApiFixture.NewUserId(), now: host.Factory.Clock.GetUtcNow());
        var shopper = Client(host.Web, "198.51.100.4", token);
        var merged = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(ShopperBudget, merged.HoldOf(sku).Units());
        Assert.Equal((100, ShopperBudget), await host.Factory.AssertStockInvariantAsync(sku));
        Assert.Equal(AddressBudget, await HeldAsync(host.Web, "198.51.100.4", sku, sessions: 3));
    }

    [Fact]
    public async Task AddItem_WhenAnAddressMovesToNewSessionsAsItsHoldsAge_ItsRunStillEndsAtTheLifetime()
    {
        // A hold's lifetime is the address's, not the cart's: fresh sessions do not start a fresh run.
        var host = Host();
        var clock = host.Factory.Clock;
        var sku = await host.Factory.NewStockedProductAsync(100);
        var first = await GuestAsync(host.Web, "198.51.100.5");
        await first.AddAsync(sku, 1);
        for (var minute = 10; minute <= 50; minute += 10)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            await (await GuestAsync(host.Web, "198.51.100.5")).AddAsync(sku, 1);
        }

        clock.Advance(TimeSpan.FromMinutes(11)); // 61 minutes after the address's first hold

        var late = await HeldAsync(host.Web, "198.51.100.5", sku, sessions: 1);
        var elsewhere = await HeldAsync(host.Web, "198.51.100.6", sku, sessions: 1);
        clock.Advance(TimeSpan.FromMinutes(15)); // a pause of one hold duration since the run ended
        var afterPause = await HeldAsync(host.Web, "198.51.100.5", sku, sessions: 1);

        Assert.Equal(0, late);
        Assert.Equal(HoldHosts.GuestUnitsPerLine, elsewhere);
        Assert.Equal(HoldHosts.GuestUnitsPerLine, afterPause);
    }

    [Theory]
    [InlineData("Inventory:HoldMaxLifetime", "00:10:00")] // shorter than a hold's 15 minutes
    [InlineData("Inventory:GuestUnitsPerSkuPerAddress", "0")]
    [InlineData("Inventory:UserUnitsPerSku", "0")]
    public void Start_WhenAHoldBudgetSettingIsInvalid_FailsNamingIt(string setting, string value)
    {
        var factory = Own(new CartAppFactory(Database, settings: new Dictionary<string, string?> { [setting] = value }));

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(setting.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Guests from <paramref name="address"/>, each adding one line cap's worth; the units they hold.</summary>
    protected static async Task<int> HeldAsync(WebApplicationFactory<Program> web, string address, string sku,
        int sessions)
    {
        var held = 0;
        for (var i = 0; i < sessions; i++)
        {
            var cart = await (await GuestAsync(web, address))
                .PostJsonAsync(CartApi.Items, new { sku, quantity = HoldHosts.GuestUnitsPerLine });
            held += (await cart.ExpectAsync(HttpStatusCode.OK)).HoldOf(sku).Units() ?? 0;
        }

        return held;
    }

    private static async Task<HttpClient> GuestAsync(WebApplicationFactory<Program> web, string address) =>
        (await GuestWithTokenAsync(web, address)).Client;

    private static async Task<(HttpClient Client, string Token)> GuestWithTokenAsync(
        WebApplicationFactory<Program> web, string address)
    {
        var session = await (await web.ClientFrom(address).PostAsync(CartApi.GuestSessions, null))
            .ExpectAsync(HttpStatusCode.Created);
        var token = session.GetProperty("token").GetString()!;
        return (Client(web, address, token), token);
    }

    private static HttpClient Client(WebApplicationFactory<Program> web, string address, string token)
    {
        var client = web.ClientFrom(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A host on the test's database (and a Redis of the test's own, when the provider runs with one).</summary>
    protected (CartAppFactory Factory, WebApplicationFactory<Program> Web) Host(string? redis = null)
    {
        var settings = new Dictionary<string, string?>(HoldHosts.Settings)
        {
            ["Inventory:GuestUnitsPerSkuPerAddress"] = $"{AddressBudget}",
            ["Inventory:UserUnitsPerSku"] = $"{ShopperBudget}",
            // A Redis that stops answering is given up on quickly.
            ["Cache:RedisTimeout"] = "00:00:00.200",
            ["Cache:CircuitBreakerDuration"] = "00:00:00.500",
        };
        var factory = Own(new CartAppFactory(Database, redis: redis ?? (useRedis ? ApiFixture.RedisAddress : null),
            redisKeyPrefix: RedisKeyPrefix, settings: settings, services: HoldHosts.WithoutHoldExpiryJob));
        return (factory, factory.WithClientAddresses());
    }

    private string RedisKeyPrefix { get; } = $"test-{Guid.NewGuid():N}:";
}

public sealed class SqliteHoldBudgetTests() : HoldBudgetTests(DatabaseProvider.Sqlite, useRedis: false);

public sealed class PostgresHoldBudgetTests() : HoldBudgetTests(DatabaseProvider.PostgreSql, useRedis: true)
{
    [Fact]
    public async Task AddItem_WhenRedisIsDown_TheAddressBudgetStillHolds()
    {
        // The budget is counted in the database, not in Redis: nothing to fall back from.
        var redis = Own(TcpProxy.For(ApiFixture.RedisAddress));
        var host = Host($"127.0.0.1:{redis.Port}");
        var sku = await host.Factory.NewStockedProductAsync(100);
        await redis.CutAsync();

        var held = await HeldAsync(host.Web, "203.0.113.9", sku, sessions: 4);

        Assert.Equal(AddressBudget, held);
        Assert.Equal((100, AddressBudget), await host.Factory.AssertStockInvariantAsync(sku));
    }
}
