using System.Security.Claims;
using System.Text.Json;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Merchandising;
using Cart.Web.Admin.Staff;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Admin.Merchandising;

/// <summary>
/// The Products page's service on each database, with Redis in front on PostgreSQL: a price change reaches the
/// shopper's next read (every instance), stock changes keep what carts hold, stale and bad edits change nothing.
/// </summary>
public abstract class ProductsServiceTests(DatabaseProvider provider, bool redis) : OwnHostsTest(provider)
{
    private readonly string _redisPrefix = $"test-{Guid.NewGuid():N}:";

    [Fact]
    public async Task ChangePriceAsync_WhenSaved_TheShoppersNextReadShowsPriceChanged()
    {
        var host = NewHost();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("PRC-1", "Kopi Mug", 10.00m, onHand: 20);
        var (shopper, _) = host.NewShopper();
        await shopper.AddAsync("PRC-1", 1);
        await shopper.GetCartAsync(); // the product is cached now

        var result = await ChangePriceAsync(host, merchandiser, "PRC-1", 12.50m);

        Assert.Equal(ConsoleOutcome.Done, result.Outcome);
        var line = Line(await shopper.GetCartAsync(), "PRC-1");
        Assert.Equal(10.00m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(12.50m, line.GetProperty("currentUnitPrice").GetDecimal());
        Assert.True(line.GetProperty("priceChanged").GetBoolean());
    }

    [Fact]
    public async Task ChangePriceAsync_WhenAnotherInstanceCachedTheProduct_ItsNextReadsShowTheNewPrice()
    {
        var writer = NewHost();
        var reader = NewHost();
        await writer.AddStockedAsync("PRC-2", "Tea Set", 20.00m, onHand: 20);
        var (shopper, userId) = reader.NewShopper();
        await shopper.AddAsync("PRC-2", 1);
        await shopper.GetCartAsync(); // cached in the reader's memory (and Redis, when there is one)

        await ChangePriceAsync(writer, await writer.StaffSessionAsync(StaffRoles.Merchandiser), "PRC-2", 18.00m);

        // Without Redis each instance keeps its own memory copy: there is no other instance to tell, so only the
        // shared-cache run has a second instance to check; the single-instance case is the test above.
        if (redis)
        {
            var shown = await Eventually.TrueAsync(async () =>
                Line(await shopper.GetCartAsync(), "PRC-2").GetProperty("priceChanged").GetBoolean());
            Assert.True(shown, $"{userId}'s cart on the other instance never showed the new price");
        }
        else
        {
            Assert.True(Line(await writer.ClientWithToken(TestAuth.Shopper(userId, now: writer.Clock.GetUtcNow()))
                .GetCartAsync(), "PRC-2").GetProperty("priceChanged").GetBoolean());
        }
    }

    [Fact]
    public async Task ChangePriceAsync_WhenThePriceChangedSinceItWasSeen_IsAConflictAndKeepsTheOtherChange()
    {
        var host = NewHost();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("PRC-3", "Desk Lamp", 30.00m, onHand: 5);
        var seen = await RowAsync(host, "PRC-3");
        await host.RunAsync(merchandiser, new ChangePrice(seen, 31.00m));

        var stale = await host.RunAsync(merchandiser, new ChangePrice(seen, 29.00m));

        Assert.Equal(ConsoleOutcome.Conflict, stale.Outcome);
        Assert.Contains("SGD 31.00", stale.Message, StringComparison.Ordinal);
        Assert.Equal(31.00m, await PriceAsync(host, "PRC-3"));
    }

    [Theory]
    [InlineData("SGD", "0", "more than zero")]
    [InlineData("SGD", "-5", "more than zero")]
    [InlineData("SGD", "12.345", "at most 2 decimals")]
    [InlineData("VND", "250000.5", "whole numbers")]
    public async Task ChangePriceAsync_WhenThePriceIsNotValid_RefusesAndChangesNothing(string currency, string price,
        string message)
    {
        var host = NewHost();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("PRC-4", "Yoga Mat", 100m, onHand: 5, currency);
        var seen = await RowAsync(host, "PRC-4");

        var result = await host.RunAsync(merchandiser, new ChangePrice(seen, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(ConsoleOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.Equal(100m, await PriceAsync(host, "PRC-4"));
    }

    [Fact]
    public async Task SetOnHandAsync_WhenAboveWhatLiveHoldsTieUp_SavesAndLapsedHoldsDoNotCount()
    {
        var host = NewHost();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("STK-1", "Power Bank", 15m, onHand: 10);
        await host.ShopperHoldingAsync("STK-1", 4);
        host.Clock.Advance(TimeSpan.FromMinutes(16)); // that hold lapsed
        await host.ShopperHoldingAsync("STK-1", 3);
        var seen = await RowAsync(host, "STK-1");

        var result = await host.RunAsync(merchandiser, new SetOnHand(seen, 3));

        Assert.Equal(ConsoleOutcome.Done, result.Outcome);
        Assert.Equal((3, 3), await host.AssertStockInvariantAsync("STK-1"));
    }

    [Fact]
    public async Task SetOnHandAsync_WhenBelowWhatCartsHold_RefusesWithTheReasonAndChangesNothing()
    {
        var host = NewHost();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("STK-2", "Umbrella", 15m, onHand: 10);
        await host.ShopperHoldingAsync("STK-2", 6);
        var seen = await RowAsync(host, "STK-2");

        var below = await host.RunAsync(merchandiser, new SetOnHand(seen, 5));
        var negative = await host.RunAsync(merchandiser, new SetOnHand(seen, -1));

        Assert.Equal(ConsoleOutcome.Invalid, below.Outcome);
        Assert.Contains("Carts hold 6 units right now", below.Message, StringComparison.Ordinal);
        Assert.Equal(ConsoleOutcome.Invalid, negative.Outcome);
        Assert.Equal((10, 6), await host.AssertStockInvariantAsync("STK-2"));
    }

    [Fact]
    public async Task SetOnHandAsync_WhenTheStockChangedSinceItWasSeen_IsAConflictAndKeepsTheOtherChange()
    {
        var host = NewHost();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("STK-3", "Notebook", 4m, onHand: 10);
        var seen = await RowAsync(host, "STK-3");
        await host.RunAsync(merchandiser, new SetOnHand(seen, 40));

        var stale = await host.RunAsync(merchandiser, new SetOnHand(seen, 12));

        Assert.Equal(ConsoleOutcome.Conflict, stale.Outcome);
        Assert.Contains("40 on hand", stale.Message, StringComparison.Ordinal);
        Assert.Equal((40, 0), await host.StockOfAsync("STK-3"));
    }

    [Fact]
    public async Task ProductActions_WhenTheUserIsSupportOnly_AreRefusedAndChangeNothing()
    {
        var host = NewHost();
        await host.AddStockedAsync("DNY-1", "Sarong", 8m, onHand: 10);
        var seen = await RowAsync(host, "DNY-1");
        var support = await host.StaffSessionAsync(StaffRoles.Support);

        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(support, new ReadProducts(null, 1, 25))).Outcome);
        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(support, new ChangePrice(seen, 9m))).Outcome);
        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(support, new SetOnHand(seen, 11))).Outcome);

        Assert.Equal(8m, await PriceAsync(host, "DNY-1"));
        Assert.Equal((10, 0), await host.StockOfAsync("DNY-1"));
    }

    [Fact]
    public async Task PageAsync_WhenSearched_PagesTheCatalogWithStockFigures()
    {
        var host = NewHost();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("PG-1", "Coffee Beans", 8m, onHand: 10);
        await host.AddStockedAsync("PG-2", "Coffee Grinder", 8m, onHand: 10);
        await host.AddStockedAsync("OTHER", "Tea", 8m, onHand: 10);
        await host.ShopperHoldingAsync("PG-2", 4);

        var (items, total) = await host.ValueOfAsync(merchandiser, new ReadProducts("Coffee", 2, 1));

        Assert.Equal(2, total);
        var row = Assert.Single(items);
        Assert.Equal("PG-2", row.Sku);
        Assert.Equal((10, 4, 6), (row.Stock!.OnHand, row.Stock.Held, row.Stock.Available));
    }

    private CartAppFactory NewHost() => Own(new CartAppFactory(Database,
        redis: redis ? ApiFixture.RedisAddress : null, redisKeyPrefix: _redisPrefix));

    private static async Task<ProductRow> RowAsync(CartAppFactory host, string sku)
    {
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        var (items, _) = await host.ValueOfAsync(merchandiser, new ReadProducts(sku, 1, 1));
        return Assert.Single(items);
    }

    private static async Task<ConsoleResult<string>> ChangePriceAsync(CartAppFactory host, ClaimsPrincipal user, string sku,
        decimal price)
    {
        var seen = await RowAsync(host, sku);
        return await host.RunAsync(user, new ChangePrice(seen, price));
    }

    private static Task<decimal> PriceAsync(CartAppFactory host, string sku) =>
        host.WithDbAsync(db => db.Products().Where(p => p.Sku == sku).Select(p => p.Price).SingleAsync());

    private static JsonElement Line(JsonElement cart, string sku) =>
        cart.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("sku").GetString() == sku);
}

public sealed class SqliteProductsServiceTests() : ProductsServiceTests(DatabaseProvider.Sqlite, redis: false);

public sealed class PostgresProductsServiceTests() : ProductsServiceTests(DatabaseProvider.PostgreSql, redis: true);
