using System.Net;
using Cart.Infrastructure.Carts;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Inventory;

/// <summary>
/// Never more reserved than on hand, under any concurrency: shoppers on two instances racing for the last units, and
/// adds, updates, removes and sweeps all at once. At the end the stock row agrees with its holds.
/// </summary>
public abstract class HoldRaceTests(ApiFixture fixture)
{
    private FakeTimeProvider Clock => fixture.Factory.Clock;

    [Fact]
    public async Task AddItem_When200ShoppersOnTwoInstancesRaceFor50Units_Exactly50Succeed()
    {
        await using var other = fixture.AnotherInstance();
        var sku = await fixture.NewStockedProductAsync(50);
        var shoppers = Enumerable.Range(0, 200)
            .Select(i => (i % 2 == 0 ? fixture.Factory : other).NewShopper().Client)
            .ToList();

        var responses = await Task.WhenAll(shoppers.Select(c => c.PostJsonAsync(CartApi.Items, new { sku, quantity = 1 })));

        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(150, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal((50, 50), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenOneCartTakesConcurrentAddsOnTwoInstances_ItsHoldIsReservedOnce()
    {
        // Writes that lose the race for the cart's version start again; the stock they reserved must go with them.
        await using var other = fixture.AnotherInstance();
        var sku = await fixture.NewStockedProductAsync(20);
        var userId = ApiFixture.NewUserId();
        var token = TestAuth.Shopper(userId, now: Clock.GetUtcNow());
        var clients = new[] { fixture.WithToken(token), other.ClientWithToken(token) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(i => clients[i % 2].PostJsonAsync(CartApi.Items, new { sku, quantity = 1 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // From the database: without Redis each instance caches carts in its own memory.
        var line = await fixture.Factory.WithDbAsync(db =>
            db.Carts().Where(c => c.OwnerId == userId).SelectMany(c => c.Lines).SingleAsync());
        Assert.Equal(30, line.Quantity);
        Assert.Equal(HoldHosts.UserUnitsPerLine, line.HeldQuantity);
        Assert.Equal((20, HoldHosts.UserUnitsPerLine), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task Writes_WhenAddsUpdatesRemovesAndSweepsRace_ReservedIsExactlyTheLiveHolds()
    {
        const int onHand = 30;
        var sku = await fixture.NewStockedProductAsync(onHand);
        var early = new List<HttpClient>();
        for (var i = 0; i < 10; i++)
        {
            var (client, _) = fixture.NewShopper();
            await client.AddAsync(sku, 2);
            early.Add(client);
        }

        Clock.Advance(TimeSpan.FromMinutes(16)); // the 20 early units lapse, unswept
        var late = Enumerable.Range(0, 20).Select(_ => fixture.NewShopper().Client).ToList();

        var writes = late.Select(c => c.PostJsonAsync(CartApi.Items, new { sku, quantity = 3 }))
            .Concat(early.Take(4).Select(c => c.PutJsonAsync(CartApi.Item(sku), new { quantity = 4 })))
            .Concat(early.Skip(4).Take(3).Select(c => c.PutJsonAsync(CartApi.Item(sku), new { quantity = 1 })))
            .Concat(early.Skip(7).Select(c => c.DeleteAsync(CartApi.Item(sku))))
            .ToList();
        var sweeps = Enumerable.Range(0, 3).Select(_ => Task.Run(() => fixture.Factory.SweepAsync())).ToList();
        var responses = await Task.WhenAll(writes);
        await Task.WhenAll(sweeps);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict,
            $"unexpected {(int)r.StatusCode}"));
        var (_, reserved) = await fixture.AssertStockInvariantAsync(sku);
        var held = 0;
        foreach (var client in early.Concat(late))
        {
            var cart = await client.GetCartAsync();
            if (cart.Quantity(sku) > 0 && cart.HoldOf(sku).Status() == "held")
            {
                held += cart.HoldOf(sku).Units() ?? 0;
            }
        }

        // Lapsed holds may still be reserved until swept; after a sweep only live ones are.
        await fixture.Factory.SweepAsync();
        Assert.Equal((onHand, held), await fixture.AssertStockInvariantAsync(sku));
        Assert.InRange(reserved, held, onHand);
    }
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteHoldRaceTests(SqliteHoldsFixture fixture) : HoldRaceTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresHoldRaceTests(PostgresHoldsFixture fixture) : HoldRaceTests(fixture);
