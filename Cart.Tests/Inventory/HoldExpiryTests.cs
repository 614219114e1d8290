using Cart.Domain.Inventory;
using Cart.Infrastructure.Inventory;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Inventory;

/// <summary>
/// The expiry sweep: lapsed holds become expired and give back exactly their units; the lines stay; safe to run twice
/// and from several places at once.
/// </summary>
public abstract class HoldExpiryTests(ApiFixture fixture)
{
    private FakeTimeProvider Clock => fixture.Factory.Clock;

    [Fact]
    public async Task ReleaseLapsed_WhenHoldsLapsed_MarksThemExpiredAndGivesBackExactlyTheirUnits()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (first, _) = fixture.NewShopper();
        var (second, _) = fixture.NewShopper();
        var (late, _) = fixture.NewShopper();
        var firstCart = await first.AddAsync(sku, 3);
        var secondCart = await second.AddAsync(sku, 2);
        Clock.Advance(TimeSpan.FromMinutes(10));
        var lateCart = await late.AddAsync(sku, 4);
        Clock.Advance(TimeSpan.FromMinutes(6)); // the first two lapsed a minute ago; the late one has 9 minutes left
        Assert.Equal((10, 9), await fixture.StockOfAsync(sku)); // nothing swept yet

        await fixture.Factory.SweepAsync();

        Assert.Equal((10, 4), await fixture.AssertStockInvariantAsync(sku));
        var holds = await fixture.HoldsOfAsync(sku);
        Assert.Equal(HoldStatus.Expired, holds[firstCart.CartId()].Status);
        Assert.Equal(HoldStatus.Expired, holds[secondCart.CartId()].Status);
        Assert.Equal(HoldStatus.Active, holds[lateCart.CartId()].Status);
        Assert.Equal(4, holds[lateCart.CartId()].Quantity);
        var lapsed = await first.GetCartAsync();
        Assert.Equal(3, lapsed.Quantity(sku));
        Assert.Equal("expired", lapsed.HoldOf(sku).Status());
        Assert.Equal("held", (await late.GetCartAsync()).HoldOf(sku).Status());
    }

    [Fact]
    public async Task ReleaseLapsed_WhenRunTwice_SecondRunChangesNothing()
    {
        var sku = await fixture.NewStockedProductAsync(5);
        var (client, _) = fixture.NewShopper();
        var cart = await client.AddAsync(sku, 2);
        Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True(await fixture.Factory.SweepAsync() >= 1);
        var afterFirst = (await fixture.HoldsOfAsync(sku))[cart.CartId()];
        var stockAfterFirst = await StockRowAsync(sku);

        var released = await fixture.Factory.SweepAsync();

        Assert.Equal(0, released);
        var afterSecond = (await fixture.HoldsOfAsync(sku))[cart.CartId()];
        Assert.Equal((afterFirst.Status, afterFirst.Quantity, afterFirst.UpdatedAt),
            (afterSecond.Status, afterSecond.Quantity, afterSecond.UpdatedAt));
        Assert.Equal(stockAfterFirst, await StockRowAsync(sku));
        Assert.Equal((5, 0), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task ReleaseLapsed_WhenSweepsRunAtOnceOnTwoInstances_ReleasesEachHoldOnce()
    {
        await using var other = fixture.AnotherInstance();
        var skus = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            skus.Add(await fixture.NewStockedProductAsync(20));
        }

        for (var shopper = 0; shopper < 4; shopper++)
        {
            var (client, _) = fixture.NewShopper();
            foreach (var sku in skus)
            {
                await client.AddAsync(sku, 2);
            }
        }

        Clock.Advance(TimeSpan.FromMinutes(16));
        other.Clock.AdjustTime(Clock.GetUtcNow());
        var now = Clock.GetUtcNow();
        // Other tests' lapsed holds are released too: count every hold the sweeps should release.
        var lapsed = await fixture.Factory.WithDbAsync(db =>
            db.StockHolds().CountAsync(h => h.Status == HoldStatus.Active && h.ExpiresAt <= now));

        var released = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => (i % 2 == 0 ? fixture.Factory : other).SweepAsync())));

        Assert.Equal(lapsed, released.Sum());
        foreach (var sku in skus)
        {
            Assert.Equal((20, 0), await fixture.AssertStockInvariantAsync(sku));
            Assert.All((await fixture.HoldsOfAsync(sku)).Values, h => Assert.Equal(HoldStatus.Expired, h.Status));
        }
    }

    private Task<(int OnHand, int Reserved, DateTimeOffset UpdatedAt)> StockRowAsync(string sku) =>
        fixture.Factory.WithDbAsync(async db =>
        {
            var row = await db.Stock().AsNoTracking().SingleAsync(s => s.Sku == sku);
            return (row.OnHand, row.Reserved, row.UpdatedAt);
        });
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteHoldExpiryTests(SqliteHoldsFixture fixture) : HoldExpiryTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresHoldExpiryTests(PostgresHoldsFixture fixture) : HoldExpiryTests(fixture);
