using System.Net;
using System.Text.Json;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Inventory;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Inventory;

/// <summary>
/// Holds move with their lines at login: the guest cart's holds are released, the shopper's lines hold; where both
/// carts had a SKU the kept quantity's hold stays and the surplus goes back. A merge never fails for stock.
/// </summary>
public abstract class MergeHoldTests(ApiFixture fixture)
{
    private FakeTimeProvider Clock => fixture.Factory.Clock;

    [Fact]
    public async Task Merge_WhenOnlyTheGuestHasTheSku_MovesTheHoldToTheShoppersLine()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        var guestCart = await guest.AddAsync(sku, 3);
        var (shopper, _) = fixture.NewShopper();
        Clock.Advance(TimeSpan.FromSeconds(1));

        var cart = await MergeAsync(shopper, guestToken);

        Assert.Equal("held", cart.HoldOf(sku).Status());
        Assert.Equal(3, cart.HoldOf(sku).Units());
        Assert.Equal(HoldHosts.ExpiryShownFor(Clock.GetUtcNow()), cart.HoldOf(sku).ExpiresAt());
        Assert.Equal((10, 3), await fixture.AssertStockInvariantAsync(sku));
        var holds = await fixture.HoldsOfAsync(sku);
        Assert.Equal(HoldStatus.Released, holds[guestCart.CartId()].Status);
        Assert.Equal((HoldStatus.Active, 3), (holds[cart.CartId()].Status, holds[cart.CartId()].Quantity));
        await AssertNoActiveHoldsAsync(guestCart.CartId());
    }

    [Fact]
    public async Task Merge_WhenBothHaveTheSkuAndTheGuestHasMore_KeepsTheGuestQuantitysHoldAndReleasesTheSurplus()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        var guestCart = await guest.AddAsync(sku, 3);
        var (shopper, _) = fixture.NewShopper();
        await shopper.AddAsync(sku, 1);
        Assert.Equal((10, 4), await fixture.StockOfAsync(sku));
        Clock.Advance(TimeSpan.FromSeconds(1));

        var cart = await MergeAsync(shopper, guestToken);

        Assert.Equal(3, cart.Quantity(sku));
        Assert.Equal(3, cart.HoldOf(sku).Units());
        Assert.Equal((10, 3), await fixture.AssertStockInvariantAsync(sku));
        await AssertNoActiveHoldsAsync(guestCart.CartId());
    }

    [Fact]
    public async Task Merge_WhenBothHaveTheSkuAndTheShopperHasMore_ReleasesTheGuestsHold()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        var guestCart = await guest.AddAsync(sku, 2);
        var (shopper, _) = fixture.NewShopper();
        await shopper.AddAsync(sku, 3);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var cart = await MergeAsync(shopper, guestToken);

        Assert.Equal(3, cart.Quantity(sku));
        Assert.Equal(3, cart.HoldOf(sku).Units());
        Assert.Equal((10, 3), await fixture.AssertStockInvariantAsync(sku));
        await AssertNoActiveHoldsAsync(guestCart.CartId());
    }

    [Fact]
    public async Task Merge_WhenRepeated_ChangesNoHold()
    {
        var (a, b) = (await fixture.NewStockedProductAsync(10), await fixture.NewStockedProductAsync(10));
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(a, 2);
        await guest.AddAsync(b, 3);
        var (shopper, _) = fixture.NewShopper();
        await shopper.AddAsync(b, 1);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var first = await MergeAsync(shopper, guestToken);
        var holdsA = await fixture.HoldsOfAsync(a);
        var holdsB = await fixture.HoldsOfAsync(b);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var second = await MergeAsync(shopper, guestToken);

        Assert.Equal(first.GetProperty("items").GetRawText(), second.GetProperty("items").GetRawText());
        Assert.Equal(Describe(holdsA), Describe(await fixture.HoldsOfAsync(a)));
        Assert.Equal(Describe(holdsB), Describe(await fixture.HoldsOfAsync(b)));
        Assert.Equal((10, 2), await fixture.AssertStockInvariantAsync(a));
        Assert.Equal((10, 3), await fixture.AssertStockInvariantAsync(b));
    }

    [Fact]
    public async Task Merge_WhenTheKeptLineCannotBeCoveredInFull_HoldsWhatIsFreeAndSucceeds()
    {
        var sku = await fixture.NewStockedProductAsync(6);
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        var guestCart = await guest.AddAsync(sku, 6); // holds the guest line cap, 4
        var (other, _) = fixture.NewShopper();
        await other.AddAsync(sku, 2);                  // nothing is free now
        var (shopper, _) = fixture.NewShopper();
        Clock.Advance(TimeSpan.FromSeconds(1));

        var cart = await MergeAsync(shopper, guestToken);

        Assert.Equal(6, cart.Quantity(sku));
        Assert.Equal(HoldHosts.GuestUnitsPerLine, cart.HoldOf(sku).Units());
        Assert.Equal((6, 6), await fixture.AssertStockInvariantAsync(sku));
        await AssertNoActiveHoldsAsync(guestCart.CartId());
    }

    [Fact]
    public async Task Merge_WhenTheGuestsHoldLapsedAndWasTaken_SucceedsWithTheLineUnheld()
    {
        var sku = await fixture.NewStockedProductAsync(3);
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(sku, 3);
        Clock.Advance(TimeSpan.FromMinutes(16));
        var (other, _) = fixture.NewShopper();
        await other.AddAsync(sku, 3); // takes the lapsed units
        var (shopper, _) = fixture.NewShopper();

        var cart = await MergeAsync(shopper, guestToken);

        Assert.Equal(3, cart.Quantity(sku));
        Assert.Equal("expired", cart.HoldOf(sku).Status());
        Assert.Equal(0, cart.HoldOf(sku).Units());
        Assert.Equal((3, 3), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task Merge_WhenTheGuestCartHasUntrackedLines_TheyTakeNoneOfTheCartCap()
    {
        var (first, second) = (await fixture.NewUntrackedProductAsync(), await fixture.NewUntrackedProductAsync());
        var sku = await fixture.NewStockedProductAsync(10);
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(first, HoldHosts.UserUnitsPerLine);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await guest.AddAsync(second, HoldHosts.UserUnitsPerLine);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var guestCart = await guest.AddAsync(sku, 3);
        Assert.Equal(3, guestCart.HoldOf(sku).Units()); // untracked lines hold nothing, so the guest's cap is untouched
        var (shopper, _) = fixture.NewShopper();
        Clock.Advance(TimeSpan.FromSeconds(1));

        var cart = await MergeAsync(shopper, guestToken);

        Assert.Equal("none", cart.HoldOf(first).Status());
        Assert.Equal("none", cart.HoldOf(second).Status());
        Assert.Equal("held", cart.HoldOf(sku).Status());
        Assert.Equal(3, cart.HoldOf(sku).Units());
        Assert.Equal((10, 3), await fixture.AssertStockInvariantAsync(sku));
    }

    private static async Task<JsonElement> MergeAsync(HttpClient shopper, string guestToken) =>
        await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

    private async Task AssertNoActiveHoldsAsync(string cartId) =>
        Assert.Empty(await fixture.Factory.WithDbAsync(db =>
            db.StockHolds().AsNoTracking().Where(h => h.CartId == cartId && h.Status == HoldStatus.Active).ToListAsync()));

    private static string Describe(Dictionary<string, StockHold> holds) =>
        string.Join("; ", holds.OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {h.Value.Status} {h.Value.Quantity} until {h.Value.ExpiresAt:O}, at {h.Value.UpdatedAt:O}"));
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteMergeHoldTests(SqliteHoldsFixture fixture) : MergeHoldTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresMergeHoldTests(PostgresHoldsFixture fixture) : MergeHoldTests(fixture);
