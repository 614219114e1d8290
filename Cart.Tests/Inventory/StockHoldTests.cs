using System.Net;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Inventory;

/// <summary>Soft holds through the API: adding reserves, shrinking releases, never more reserved than on hand.</summary>
public abstract class StockHoldTests(ApiFixture fixture)
{
    [Fact]
    public async Task AddItem_WhenStockIsTracked_HoldsTheQuantityForFifteenMinutes()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();

        var cart = await client.AddAsync(sku, 3);

        var hold = cart.GetProperty("items")[0].GetProperty("hold");
        Assert.Equal("held", hold.GetProperty("status").GetString());
        Assert.Equal(3, hold.GetProperty("quantity").GetInt32());
        Assert.Equal(fixture.Factory.Clock.GetUtcNow().AddMinutes(15), hold.GetProperty("expiresAt").GetDateTimeOffset(),
            TimeSpan.FromSeconds(1));
        Assert.Equal((10, 3), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenNotEnoughIsFree_Answers409WithAvailableAndChangesNothing()
    {
        var sku = await fixture.NewStockedProductAsync(4);
        var (first, _) = fixture.NewShopper();
        await first.AddAsync(sku, 3);
        var (second, _) = fixture.NewShopper();
        await second.AddAsync(TestCatalog.Mug, 1);

        var response = await second.PostJsonAsync(CartApi.Items, new { sku, quantity = 2 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(1, problem.GetProperty("available").GetInt32());
        var line = Assert.Single(problem.GetProperty("lines").EnumerateArray());
        Assert.Equal(2, line.GetProperty("requested").GetInt32());
        var cart = await second.GetCartAsync();
        Assert.Equal(1, cart.Version());
        Assert.Equal((4, 3), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task UpdateAndRemove_ReleaseAtOnce()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 5);

        (await client.PutJsonAsync(CartApi.Item(sku), new { quantity = 2 })).EnsureSuccessStatusCode();
        Assert.Equal((10, 2), await fixture.StockOfAsync(sku));

        (await client.DeleteAsync(CartApi.Item(sku))).EnsureSuccessStatusCode();
        Assert.Equal((10, 0), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenManyShoppersRaceForTheLastUnits_NeverReservesMoreThanOnHand()
    {
        const int onHand = 7;
        var sku = await fixture.NewStockedProductAsync(onHand);
        var shoppers = Enumerable.Range(0, 20).Select(_ => fixture.NewShopper().Client).ToList();

        var responses = await Task.WhenAll(shoppers.Select(c => c.PostJsonAsync(CartApi.Items, new { sku, quantity = 1 })));

        Assert.Equal(onHand, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(20 - onHand, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal((onHand, onHand), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task GetCart_WhenTheHoldHasLapsed_SaysExpiredEvenFromTheCache()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 2);
        await client.GetCartAsync(); // now in the cache

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var cart = await client.GetCartAsync();

        Assert.Equal("expired", cart.GetProperty("items")[0].GetProperty("hold").GetProperty("status").GetString());
        Assert.Equal(2, cart.Quantity(sku));
    }

    [Fact]
    public async Task GetCart_WhenTheClientsCopySaysHeldButTheHoldHasLapsed_SendsTheCartNot304()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        var held = await client.AddAsync(sku, 2);
        var etag = CartVersionTag(held);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(IfNoneMatch(etag))).StatusCode);

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await client.SendAsync(IfNoneMatch(etag));

        var cart = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", cart.GetProperty("items")[0].GetProperty("hold").GetProperty("status").GetString());
    }

    private static string CartVersionTag(System.Text.Json.JsonElement cart) => $"\"{cart.Version()}\"";

    private static HttpRequestMessage IfNoneMatch(string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, CartApi.Cart);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return request;
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteStockHoldTests(SqliteApiFixture fixture) : StockHoldTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresStockHoldTests(PostgresApiFixture fixture) : StockHoldTests(fixture);
