using System.Net;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Inventory;

/// <summary>
/// Bots cannot tie up stock: a line and a cart hold at most so many units (guests fewer than shoppers); the rest of
/// the quantity stays in the cart, unheld. A hold is renewed each time its line changes.
/// </summary>
public abstract class HoldCapTests(ApiFixture fixture)
{
    private FakeTimeProvider Clock => fixture.Factory.Clock;

    [Fact]
    public async Task AddItem_WhenAShopperAsksForMoreThanTheLineCap_HoldsTheCapAndKeepsTheRest()
    {
        var sku = await fixture.NewStockedProductAsync(50);
        var (client, _) = fixture.NewShopper();

        var cart = await client.AddAsync(sku, HoldHosts.UserUnitsPerLine + 3);

        Assert.Equal(HoldHosts.UserUnitsPerLine + 3, cart.Quantity(sku));
        Assert.Equal("held", cart.HoldOf(sku).Status());
        Assert.Equal(HoldHosts.UserUnitsPerLine, cart.HoldOf(sku).Units());
        Assert.Equal((50, HoldHosts.UserUnitsPerLine), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenOnlyTheUnitsBeyondTheCapAreShort_Succeeds()
    {
        var sku = await fixture.NewStockedProductAsync(HoldHosts.UserUnitsPerLine);
        var (client, _) = fixture.NewShopper();

        var cart = await client.AddAsync(sku, HoldHosts.UserUnitsPerLine + 5);

        Assert.Equal(HoldHosts.UserUnitsPerLine, cart.HoldOf(sku).Units());
        Assert.Equal((HoldHosts.UserUnitsPerLine, HoldHosts.UserUnitsPerLine), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenTheShoppersCartCapIsReached_LaterLinesHoldOnlyWhatIsLeft()
    {
        var (a, b, c) = (await fixture.NewStockedProductAsync(20), await fixture.NewStockedProductAsync(20),
            await fixture.NewStockedProductAsync(20));
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(a, HoldHosts.UserUnitsPerLine);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var afterB = await client.AddAsync(b, HoldHosts.UserUnitsPerLine);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var cart = await client.AddAsync(c, 3);

        const int left = HoldHosts.UserUnitsPerCart - HoldHosts.UserUnitsPerLine;
        Assert.Equal(left, afterB.HoldOf(b).Units());
        Assert.Equal(0, cart.HoldOf(c).Units());
        Assert.Equal("expired", cart.HoldOf(c).Status()); // nothing reserved: none of the cart's cap was left
        Assert.Equal(3, cart.Quantity(c));
        Assert.Equal((20, HoldHosts.UserUnitsPerLine), await fixture.AssertStockInvariantAsync(a));
        Assert.Equal((20, left), await fixture.AssertStockInvariantAsync(b));
        Assert.Equal((20, 0), await fixture.AssertStockInvariantAsync(c));
    }

    [Fact]
    public async Task AddItem_WhenAGuestAsks_TheLowerGuestCapsApply()
    {
        var (a, b) = (await fixture.NewStockedProductAsync(20), await fixture.NewStockedProductAsync(20));
        var (guest, _, _) = await fixture.NewGuestAsync();
        var first = await guest.AddAsync(a, HoldHosts.GuestUnitsPerLine + 2);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var cart = await guest.AddAsync(b, HoldHosts.GuestUnitsPerLine);

        const int left = HoldHosts.GuestUnitsPerCart - HoldHosts.GuestUnitsPerLine;
        Assert.Equal(HoldHosts.GuestUnitsPerLine, first.HoldOf(a).Units());
        Assert.Equal(HoldHosts.GuestUnitsPerLine + 2, cart.Quantity(a));
        Assert.Equal(left, cart.HoldOf(b).Units());
        Assert.Equal((20, HoldHosts.GuestUnitsPerLine), await fixture.AssertStockInvariantAsync(a));
        Assert.Equal((20, left), await fixture.AssertStockInvariantAsync(b));
    }

    [Fact]
    public async Task UpdateItem_WhenTheLineChanges_RenewsItsHoldFromNow()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 2);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var grown = await (await client.PutJsonAsync(CartApi.Item(sku), new { quantity = 3 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HoldHosts.ExpiryShownFor(Clock.GetUtcNow()), grown.HoldOf(sku).ExpiresAt());
        Clock.Advance(TimeSpan.FromMinutes(10));
        var shrunk = await (await client.PutJsonAsync(CartApi.Item(sku), new { quantity = 1 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HoldHosts.ExpiryShownFor(Clock.GetUtcNow()), shrunk.HoldOf(sku).ExpiresAt());
        Clock.Advance(TimeSpan.FromMinutes(10));
        var added = await client.AddAsync(sku, 1);
        Assert.Equal(HoldHosts.ExpiryShownFor(Clock.GetUtcNow()), added.HoldOf(sku).ExpiresAt());
        Clock.Advance(TimeSpan.FromMinutes(10)); // 40 minutes after the first add, 10 after the last change

        var cart = await client.GetCartAsync();

        Assert.Equal("held", cart.HoldOf(sku).Status());
        Assert.Equal(2, cart.HoldOf(sku).Units());
        await fixture.Factory.SweepAsync(); // a renewed hold has not lapsed: the sweep leaves it
        Assert.Equal((10, 2), await fixture.AssertStockInvariantAsync(sku));
    }
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteHoldCapTests(SqliteHoldsFixture fixture) : HoldCapTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresHoldCapTests(PostgresHoldsFixture fixture) : HoldCapTests(fixture);
