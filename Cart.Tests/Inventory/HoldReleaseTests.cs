using System.Net;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Inventory;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Inventory;

/// <summary>Decrease, remove and clear give stock back at once; an untracked SKU holds nothing and touches no stock.</summary>
public abstract class HoldReleaseTests(ApiFixture fixture)
{
    [Fact]
    public async Task UpdateItem_WhenTheLineShrinks_ReleasesTheDifferenceAtOnce()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 6);

        var cart = await (await client.PutJsonAsync(CartApi.Item(sku), new { quantity = 2 })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, cart.HoldOf(sku).Units());
        Assert.Equal((10, 2), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task RemoveItem_WhenTheLineHeldStock_ReleasesItsHold()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        var cart = await client.AddAsync(sku, 4);

        (await client.DeleteAsync(CartApi.Item(sku))).EnsureSuccessStatusCode();

        Assert.Equal((10, 0), await fixture.AssertStockInvariantAsync(sku));
        Assert.Equal(HoldStatus.Released, (await fixture.HoldsOfAsync(sku))[cart.CartId()].Status);
    }

    [Fact]
    public async Task ClearCart_WhenLinesHeldStock_ReleasesEveryHold()
    {
        var (a, b) = (await fixture.NewStockedProductAsync(10), await fixture.NewStockedProductAsync(10));
        var untracked = await fixture.NewUntrackedProductAsync();
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(a, 3);
        await client.AddAsync(untracked, 2);
        var cart = await client.AddAsync(b, 5);

        (await client.DeleteAsync(CartApi.Cart)).EnsureSuccessStatusCode();

        Assert.Equal((10, 0), await fixture.AssertStockInvariantAsync(a));
        Assert.Equal((10, 0), await fixture.AssertStockInvariantAsync(b));
        Assert.Equal(HoldStatus.Released, (await fixture.HoldsOfAsync(a))[cart.CartId()].Status);
        Assert.Equal(HoldStatus.Released, (await fixture.HoldsOfAsync(b))[cart.CartId()].Status);
    }

    [Fact]
    public async Task AddItem_WhenTheSkuIsNotTracked_SaysNoneAndTouchesNoStock()
    {
        var sku = await fixture.NewUntrackedProductAsync();
        var (client, _) = fixture.NewShopper();

        var cart = await client.AddAsync(sku, 3);
        var updated = await (await client.PutJsonAsync(CartApi.Item(sku), new { quantity = 5 })).ExpectAsync(HttpStatusCode.OK);

        foreach (var hold in new[] { cart.HoldOf(sku), updated.HoldOf(sku) })
        {
            Assert.Equal("none", hold.Status());
            Assert.False(hold.TryGetProperty("quantity", out _));
            Assert.False(hold.TryGetProperty("expiresAt", out _));
        }

        Assert.False(await fixture.Factory.WithDbAsync(db => db.Stock().AnyAsync(s => s.Sku == sku)));
        Assert.Empty(await fixture.HoldsOfAsync(sku));
        var product = await (await fixture.Anonymous().GetAsync($"/api/v1/products/{sku}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, product.GetProperty("available").ValueKind);
    }
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteHoldReleaseTests(SqliteHoldsFixture fixture) : HoldReleaseTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresHoldReleaseTests(PostgresHoldsFixture fixture) : HoldReleaseTests(fixture);
