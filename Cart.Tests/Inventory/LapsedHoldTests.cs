using System.Net;
using Cart.Domain.Inventory;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Inventory;

/// <summary>A lapsed hold stops counting against free stock the moment it lapses, whether or not a sweep has run.</summary>
public abstract class LapsedHoldTests(ApiFixture fixture)
{
    private FakeTimeProvider Clock => fixture.Factory.Clock;

    [Fact]
    public async Task GetProduct_WhenAHoldLapses_CountsItsUnitsAvailableBeforeAnySweep()
    {
        var sku = await fixture.NewStockedProductAsync(5);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 3);
        Assert.Equal(2, await AvailableAsync(sku));

        Clock.Advance(HoldHosts.HoldDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(2, await AvailableAsync(sku));
        Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(5, await AvailableAsync(sku));
        Assert.Equal(5, await ListedAvailableAsync(sku));
        Assert.Equal((5, 3), await fixture.AssertStockInvariantAsync(sku)); // not swept: only the stored count lags
    }

    [Fact]
    public async Task AddItem_WhenAnotherShoppersHoldLapsed_TakesItsUnitsBeforeTheSweep()
    {
        var sku = await fixture.NewStockedProductAsync(5);
        var (first, _) = fixture.NewShopper();
        var firstCart = await first.AddAsync(sku, 4);
        Clock.Advance(TimeSpan.FromMinutes(16));
        var (second, _) = fixture.NewShopper();

        var secondCart = await second.AddAsync(sku, 3); // 1 unit unreserved: the lapsed 4 are given up for it

        Assert.Equal("held", secondCart.HoldOf(sku).Status());
        Assert.Equal(3, secondCart.HoldOf(sku).Units());
        Assert.Equal((5, 3), await fixture.AssertStockInvariantAsync(sku));
        Assert.Equal(HoldStatus.Expired, (await fixture.HoldsOfAsync(sku))[firstCart.CartId()].Status);
        var lapsed = await first.GetCartAsync();
        Assert.Equal(4, lapsed.Quantity(sku));
        Assert.Equal("expired", lapsed.HoldOf(sku).Status());
    }

    [Fact]
    public async Task UpdateItem_WhenMyLapsedHoldWasTakenAndTheLineGrowsPastWhatIsFree_Answers409AndChangesNothing()
    {
        var sku = await fixture.NewStockedProductAsync(5);
        var (first, _) = fixture.NewShopper();
        await first.AddAsync(sku, 4);
        Clock.Advance(TimeSpan.FromMinutes(16));
        var (second, _) = fixture.NewShopper();
        await second.AddAsync(sku, 3);
        var before = await first.GetCartAsync();

        var response = await first.PutJsonAsync(CartApi.Item(sku), new { quantity = 5 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(2, problem.GetProperty("available").GetInt32());
        var line = Assert.Single(problem.GetProperty("lines").EnumerateArray());
        Assert.Equal(sku, line.GetProperty("sku").GetString());
        Assert.Equal(5, line.GetProperty("requested").GetInt32());
        Assert.Equal(2, line.GetProperty("available").GetInt32());
        var after = await first.GetCartAsync();
        Assert.Equal(before.Version(), after.Version());
        Assert.Equal(4, after.Quantity(sku));
        Assert.Equal("expired", after.HoldOf(sku).Status());
        Assert.Equal((5, 3), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task UpdateItem_WhenMyLapsedHoldWasTakenAndStockIsFreeAgain_GrowsAndHolds()
    {
        var sku = await fixture.NewStockedProductAsync(6);
        var (first, _) = fixture.NewShopper();
        await first.AddAsync(sku, 2);
        Clock.Advance(TimeSpan.FromMinutes(16));
        var (second, _) = fixture.NewShopper();
        await second.AddAsync(sku, 5); // 4 unreserved: the lapsed 2 are given up for it
        (await second.PutJsonAsync(CartApi.Item(sku), new { quantity = 2 })).EnsureSuccessStatusCode();

        var grown = await (await first.PutJsonAsync(CartApi.Item(sku), new { quantity = 3 }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("held", grown.HoldOf(sku).Status());
        Assert.Equal(3, grown.HoldOf(sku).Units());
        Assert.Equal(HoldHosts.ExpiryShownFor(Clock.GetUtcNow()), grown.HoldOf(sku).ExpiresAt());
        Assert.Equal((6, 5), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task UpdateItem_WhenMyLapsedHoldWasTakenAndTheLineShrinks_HoldsWhatIsFree()
    {
        var sku = await fixture.NewStockedProductAsync(5);
        var (first, _) = fixture.NewShopper();
        await first.AddAsync(sku, 4);
        Clock.Advance(TimeSpan.FromMinutes(16));
        var (second, _) = fixture.NewShopper();
        await second.AddAsync(sku, 4); // 1 unreserved: the lapsed 4 are given up for it

        var shrunk = await (await first.PutJsonAsync(CartApi.Item(sku), new { quantity = 3 }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(3, shrunk.Quantity(sku));
        Assert.Equal("held", shrunk.HoldOf(sku).Status());
        Assert.Equal(1, shrunk.HoldOf(sku).Units());
        Assert.Equal((5, 5), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenMyOwnHoldLapsedUnswept_GrowsItFromWhatIsFree()
    {
        var sku = await fixture.NewStockedProductAsync(5);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 3);
        Clock.Advance(TimeSpan.FromMinutes(16));

        var grown = await client.AddAsync(sku, 2);

        Assert.Equal("held", grown.HoldOf(sku).Status());
        Assert.Equal(5, grown.HoldOf(sku).Units());
        Assert.Equal((5, 5), await fixture.AssertStockInvariantAsync(sku));
        var refused = await client.PostJsonAsync(CartApi.Items, new { sku, quantity = 1 });
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(5, problem.GetProperty("available").GetInt32());
    }

    private async Task<int?> AvailableAsync(string sku)
    {
        var product = await (await fixture.Anonymous().GetAsync($"/api/v1/products/{sku}")).ExpectAsync(HttpStatusCode.OK);
        var available = product.GetProperty("available");
        return available.ValueKind == System.Text.Json.JsonValueKind.Null ? null : available.GetInt32();
    }

    private async Task<int?> ListedAvailableAsync(string sku)
    {
        var page = await (await fixture.Anonymous().GetAsync($"/api/v1/products?search={sku}")).ExpectAsync(HttpStatusCode.OK);
        return Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("available").GetInt32();
    }
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteLapsedHoldTests(SqliteHoldsFixture fixture) : LapsedHoldTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresLapsedHoldTests(PostgresHoldsFixture fixture) : LapsedHoldTests(fixture);
