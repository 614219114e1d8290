using System.Net;
using System.Text.Json;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Checkout;
using Cart.Infrastructure.Inventory;
using Cart.Tests.Fixtures;
using Cart.Tests.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Checkout;

/// <summary>Checkout: holds sold, prices checked on the database, one order per cart, the same key the same order.</summary>
public abstract class CheckoutTests(ApiFixture fixture)
{
    [Fact]
    public async Task Checkout_WhenTheCartIsHeld_Answers201WithTheOrderSellsTheStockAndClosesTheCart()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 3);
        await client.AddAsync(TestCatalog.Mug, 2);

        var response = await client.SendAsync(CartApi.CheckoutRequest("k1"));

        var order = await response.ExpectAsync(HttpStatusCode.Created);
        var orderId = order.GetProperty("orderId").GetString()!;
        Assert.Equal($"/api/v1/orders/{orderId}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending_payment", order.GetProperty("status").GetString());
        Assert.Equal("SGD", order.GetProperty("currency").GetString());
        Assert.Equal(3 * TestStock.Price + 2 * TestCatalog.MugPrice, order.GetProperty("total").GetDecimal());
        Assert.Equal((7, 0), await fixture.StockOfAsync(sku));
        var cart = await client.GetCartAsync();
        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        var fetched = await (await client.GetAsync($"/api/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(order.GetRawText(), fetched.GetRawText());
    }

    [Fact]
    public async Task Checkout_WhenRetriedWithTheSameKey_ReturnsTheSameOrderAndSellsOnce()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 2);

        var first = await (await client.SendAsync(CartApi.CheckoutRequest("same"))).ExpectAsync(HttpStatusCode.Created);
        var again = await client.SendAsync(CartApi.CheckoutRequest("same"));

        var replayed = await again.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("orderId").GetString(), replayed.GetProperty("orderId").GetString());
        Assert.NotNull(again.Headers.Location);
        Assert.Equal((8, 0), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task Checkout_WhenTheCartIsAlreadyCheckedOut_Answers422CartEmptyAndMakesNoSecondOrder()
    {
        var (client, userId) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Lamp, 1);
        await (await client.SendAsync(CartApi.CheckoutRequest("a"))).ExpectAsync(HttpStatusCode.Created);

        var second = await client.SendAsync(CartApi.CheckoutRequest("b"));

        await second.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "cart_empty");
        Assert.Equal(1, await fixture.Factory.WithDbAsync(db => db.Orders().CountAsync(o => o.OwnerId == userId)));
    }

    [Fact]
    public async Task Checkout_WhenTwoInstancesCheckOutAtOnce_MakesOneOrder()
    {
        await using var second = fixture.AnotherInstance();
        var userId = ApiFixture.NewUserId();
        var token = TestAuth.Shopper(userId);
        var one = fixture.WithToken(token);
        var two = second.ClientWithToken(token);
        await one.AddAsync(TestCatalog.Lamp, 1);

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? one : two).SendAsync(CartApi.CheckoutRequest($"race-{i}"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(1, await fixture.Factory.WithDbAsync(db => db.Orders().CountAsync(o => o.OwnerId == userId)));
    }

    [Fact]
    public async Task Checkout_WithoutAnIdempotencyKey_Answers400AndChangesNothing()
    {
        var (client, _) = fixture.NewShopper();
        var cart = await client.AddAsync(TestCatalog.Lamp, 1);

        var response = await client.PostAsync(CartApi.Checkout, null);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        Assert.Equal(cart.Version(), (await client.GetCartAsync()).Version());
    }

    [Fact]
    public async Task Checkout_WhenAPriceRose_Answers409PriceChangedListingTheLineAndChangesNothing()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        var cart = await client.AddAsync(sku, 1);
        await SetPriceAsync(sku, 6.50m);

        var response = await client.SendAsync(CartApi.CheckoutRequest("rise"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "price_changed");
        var line = Assert.Single(problem.GetProperty("lines").EnumerateArray());
        Assert.Equal(sku, line.GetProperty("sku").GetString());
        Assert.Equal(6.50m, line.GetProperty("currentUnitPrice").GetDecimal());
        Assert.Equal(cart.Version(), (await client.GetCartAsync()).Version());
        Assert.Equal((10, 1), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task Checkout_WhenAPriceDropped_ChargesTheLowerPrice()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 2);
        await SetPriceAsync(sku, 4.00m);

        var order = await (await client.SendAsync(CartApi.CheckoutRequest("drop"))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(8.00m, order.GetProperty("total").GetDecimal());
        Assert.Equal(4.00m, order.GetProperty("items")[0].GetProperty("unitPrice").GetDecimal());
    }

    [Fact]
    public async Task Checkout_WhenALapsedHoldsStockWasTaken_Answers409InsufficientStockAndChangesNothing()
    {
        var sku = await fixture.NewStockedProductAsync(3);
        var (late, _) = fixture.NewShopper();
        await late.AddAsync(sku, 2);
        var before = await late.GetCartAsync();
        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var (other, _) = fixture.NewShopper();
        await other.AddAsync(sku, 2); // takes the units the lapsed hold no longer keeps

        var response = await late.SendAsync(CartApi.CheckoutRequest("late"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        var line = Assert.Single(problem.GetProperty("lines").EnumerateArray());
        Assert.Equal(1, line.GetProperty("available").GetInt32());
        Assert.Equal(before.Version(), (await late.GetCartAsync()).Version());
        Assert.Equal((3, 2), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task Checkout_WhenOneLineOfTwoIsShort_MakesNoOrderAndLeavesStockAndHoldsAsTheyWere()
    {
        var scarce = await fixture.NewStockedProductAsync(3);
        var plenty = await fixture.NewStockedProductAsync(5);
        var (client, userId) = fixture.NewShopper();
        await client.AddAsync(scarce, 2);
        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var (other, _) = fixture.NewShopper();
        await other.AddAsync(scarce, 2); // takes the lapsed hold's units: 1 is left for the first cart's 2
        var before = await client.AddAsync(plenty, 2);
        var holdsBefore = await HoldRowsAsync(before.CartId());

        var response = await client.SendAsync(CartApi.CheckoutRequest("short"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        var line = Assert.Single(problem.GetProperty("lines").EnumerateArray());
        Assert.Equal(scarce, line.GetProperty("sku").GetString());
        Assert.Equal(0, await fixture.Factory.WithDbAsync(db => db.Orders().CountAsync(o => o.OwnerId == userId)));
        Assert.Equal((5, 2), await fixture.StockOfAsync(plenty));
        Assert.Equal((3, 2), await fixture.StockOfAsync(scarce));
        Assert.Equal(holdsBefore, await HoldRowsAsync(before.CartId()));
        Assert.Equal(before.Version(), (await client.GetCartAsync()).Version());
    }

    [Fact]
    public async Task Checkout_AfterThePriceRiseIsAccepted_ChargesTheNewPrice()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 2);
        await SetPriceAsync(sku, 6.00m);
        await (await client.SendAsync(CartApi.CheckoutRequest("before-accept"))).ExpectProblemAsync(HttpStatusCode.Conflict,
            "price_changed");

        (await client.PostJsonAsync(CartApi.AcceptPrices, new { })).EnsureSuccessStatusCode();
        var order = await (await client.SendAsync(CartApi.CheckoutRequest("after-accept"))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(12.00m, order.GetProperty("total").GetDecimal());
        Assert.Equal((8, 0), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task Checkout_WhenAProductIsNowPricedInAnotherCurrency_Answers422CurrencyMismatchAndChangesNothing()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, userId) = fixture.NewShopper();
        var cart = await client.AddAsync(sku, 1);
        await fixture.Factory.WithDbAsync(db => db.Products().Where(p => p.Sku == sku)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Currency, "MYR")));

        var response = await client.SendAsync(CartApi.CheckoutRequest("currency"));

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "currency_mismatch");
        Assert.Equal(0, await fixture.Factory.WithDbAsync(db => db.Orders().CountAsync(o => o.OwnerId == userId)));
        Assert.Equal(cart.Version(), (await client.GetCartAsync()).Version());
        Assert.Equal((10, 1), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task Checkout_WhenTheHoldLapsedButStockIsFree_SellsFromFreeStock()
    {
        var sku = await fixture.NewStockedProductAsync(5);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 2);
        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(20));

        await (await client.SendAsync(CartApi.CheckoutRequest("lapsed"))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal((3, 0), await fixture.StockOfAsync(sku));
    }

    [Fact]
    public async Task Checkout_WhenTheCartIsEmpty_Answers422CartEmpty()
    {
        var (client, _) = fixture.NewShopper();

        var response = await client.SendAsync(CartApi.CheckoutRequest("empty"));

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "cart_empty");
    }

    [Fact]
    public async Task GetOrder_WhenItIsAnotherShoppersOrder_Answers404()
    {
        var (owner, _) = fixture.NewShopper();
        await owner.AddAsync(TestCatalog.Lamp, 1);
        var order = await (await owner.SendAsync(CartApi.CheckoutRequest("mine"))).ExpectAsync(HttpStatusCode.Created);
        var (stranger, _) = fixture.NewShopper();

        var response = await stranger.GetAsync($"/api/v1/orders/{order.GetProperty("orderId").GetString()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "order_not_found");
    }

    [Fact]
    public async Task Checkout_RecordsTheCartsTimeline()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        // Add and checkout at one whole second, which every database stores exactly: a line's stored UpdatedAt then
        // equals the checkout's "now", and must still not read as changed by the checkout.
        var clock = fixture.Factory.Clock;
        clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (clock.GetUtcNow().Ticks % TimeSpan.TicksPerSecond)));
        var cartId = (await client.AddAsync(sku, 2)).GetProperty("cartId").GetString();
        await (await client.SendAsync(CartApi.CheckoutRequest("timeline"))).ExpectAsync(HttpStatusCode.Created);

        var types = await fixture.Factory.WithDbAsync(db => db.CartEvents().Where(e => e.CartId == cartId)
            .OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());

        Assert.Equal(["item_added", "hold_placed", "checked_out", "hold_committed"], types);
    }


    private Task<string> HoldRowsAsync(string cartId) =>
        fixture.Factory.WithDbAsync(async db => string.Join("; ", (await db.StockHolds().AsNoTracking()
                .Where(h => h.CartId == cartId).OrderBy(h => h.Sku).ToListAsync())
            .Select(h => $"{h.Sku} {h.Status} {h.Quantity} {h.ExpiresAt:O}")));

    private Task SetPriceAsync(string sku, decimal price) =>
        fixture.Factory.WithDbAsync(async db =>
        {
            var product = await db.Products().SingleAsync(p => p.Sku == sku);
            product.ChangePrice(price, fixture.Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteCheckoutTests(SqliteApiFixture fixture) : CheckoutTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresCheckoutTests(PostgresApiFixture fixture) : CheckoutTests(fixture);
