using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Merchandising;
using Cart.Web.Admin.Staff;

namespace Cart.Tests.Admin.Merchandising;

/// <summary>The Holds page's figures and drill-down as the service reads them, on each database.</summary>
public abstract class HoldsServiceTests(DatabaseProvider provider) : OwnHostsTest(provider)
{

    [Fact]
    public async Task PageAsync_WhenAHoldLapsed_CountsOnlyLiveHoldsPerSku()
    {
        var host = HostWithHalfHourHolds();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("HLD-A", "Rattan Basket", 10m, onHand: 10);
        await host.AddStockedAsync("HLD-B", "Silk Scarf", 10m, onHand: 4);
        await host.ShopperHoldingAsync("HLD-A", 3);
        host.Clock.Advance(TimeSpan.FromMinutes(31)); // the first hold has lapsed (not swept)
        await host.ShopperHoldingAsync("HLD-A", 2);
        host.Clock.Advance(TimeSpan.FromMinutes(20)); // that one lapses in 10 minutes
        await host.ShopperHoldingAsync("HLD-A", 1);   // this one in 30

        var (items, total) = await host.ValueOfAsync(merchandiser, new ReadHolds(new StockFilter(), 1, 25));

        Assert.Equal(2, total);
        Assert.Equal(new SkuStockFigures("HLD-A", "Rattan Basket", 10, 3, 7, 2, 2), items[0]);
        Assert.Equal(new SkuStockFigures("HLD-B", "Silk Scarf", 4, 0, 4, 0, 0), items[1]);
    }

    [Fact]
    public async Task PageAsync_WhenSearchedSortedAndPaged_ReturnsThatPageOfTheMatches()
    {
        var host = Own(new CartAppFactory(Database));
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("TOP-1", "Sandals", 5m, onHand: 50);
        await host.AddStockedAsync("TOP-2", "Sneakers", 5m, onHand: 50);
        await host.AddStockedAsync("TOP-3", "Backpack", 5m, onHand: 5);
        await host.AddStockedAsync("OTHER-1", "Sunscreen", 5m, onHand: 50);
        await host.ShopperHoldingAsync("TOP-1", 1);
        await host.ShopperHoldingAsync("TOP-2", 4);
        await host.ShopperHoldingAsync("TOP-3", 2);

        async Task<(IReadOnlyList<SkuStockFigures> Items, int Total)> Page(StockFilter filter, int page) =>
            await host.ValueOfAsync(merchandiser, new ReadHolds(filter, page, 2));

        var byHeld = new StockFilter("top", StockSort.Held, Descending: true);
        var first = await Page(byHeld, 1);
        var second = await Page(byHeld, 2);
        var byAvailable = await Page(new StockFilter("TOP", StockSort.Available), 1);
        var byName = await Page(new StockFilter("Sn"), 1);

        Assert.Equal(3, first.Total);
        Assert.Equal(["TOP-2", "TOP-3"], first.Items.Select(i => i.Sku));
        Assert.Equal(["TOP-1"], second.Items.Select(i => i.Sku));
        Assert.Equal(["TOP-3", "TOP-2"], byAvailable.Items.Select(i => i.Sku)); // 3 and 46 available
        Assert.Equal(["TOP-2"], byName.Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task HoldersAsync_WhenCartsHoldTheSku_ListsTheLiveOnesSoonestFirst()
    {
        var host = HostWithHalfHourHolds();
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        await host.AddStockedAsync("HLD-C", "Tea Set", 10m, onHand: 20);
        await host.ShopperHoldingAsync("HLD-C", 5);
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var (userId, cartId) = await host.ShopperHoldingAsync("HLD-C", 2);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var (guestClient, _, sessionId) = await host.NewGuestAsync();
        var guestCart = (await guestClient.AddAsync("HLD-C", 1)).CartId();

        var (items, total) = await host.ValueOfAsync(merchandiser, new ReadSkuHolders("HLD-C", 1, 25));

        Assert.Equal(2, total);
        Assert.Equal((cartId, OwnerKind.User, userId, 2), (items[0].CartId, items[0].OwnerKind, items[0].OwnerId, items[0].Quantity));
        Assert.Equal((guestCart, OwnerKind.Guest, sessionId, 1), (items[1].CartId, items[1].OwnerKind, items[1].OwnerId, items[1].Quantity));
        Assert.Equal(host.Clock.GetUtcNow().AddMinutes(29), items[0].ExpiresAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task HoldsReads_WhenTheUserIsSupportOnly_AreRefused()
    {
        var host = Own(new CartAppFactory(Database));
        var support = await host.StaffSessionAsync(StaffRoles.Support);
        var withoutRoles = await host.StaffSessionAsync();

        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(support, new ReadHolds(new StockFilter(), 1, 25))).Outcome);
        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(support, new ReadSkuHolders("HLD-A", 1, 25))).Outcome);
        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(support, new ReadSkuFigures("HLD-A"))).Outcome);
        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(support, new StreamHolds(new StockFilter()))).Outcome);
        Assert.Equal(ConsoleOutcome.Refused,
            (await host.RunAsync(withoutRoles, new ReadHolds(new StockFilter(), 1, 25))).Outcome);
    }

    private CartAppFactory HostWithHalfHourHolds() => Own(new CartAppFactory(Database,
        settings: new Dictionary<string, string?> { ["Inventory:HoldDuration"] = "00:30:00" }));
}

public sealed class SqliteHoldsServiceTests() : HoldsServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresHoldsServiceTests() : HoldsServiceTests(DatabaseProvider.PostgreSql);
