using System.Net;
using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Support;

namespace Cart.Tests.Admin.Support;

/// <summary>
/// Support's fixes through the real write path (the console's service, the Carts module's write path, the database),
/// checked through the shopper's API and the cart's timeline. Run on SQLite and on PostgreSQL.
/// </summary>
public abstract class SupportCartFixesTests(DatabaseProvider provider) : OwnHostsTest(provider)
{

    [Fact]
    public async Task SetQuantity_WhenSupportFixes_ShopperReadsItAndTimelineKeepsReasonAndWho()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var mug = await host.AddProductAsync(12.5m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(mug, 2);
        host.Clock.Advance(TimeSpan.FromHours(1));

        var result = await host.RunAsync(agent, new FixCart(cart.CartId(), cart.Version(), "  " + SupportStaff.Reason + "  ", SupportAction.SetQuantity, mug, 5));

        Assert.Equal(ConsoleOutcome.Done, result.Outcome);
        var read = await shopper.GetCartAsync();
        Assert.Equal(5, read.Line(mug)!.Value.GetProperty("quantity").GetInt32());
        var fix = Assert.Single(await host.SupportEventsAsync(cart.CartId()));
        Assert.Equal((CartActivityTypes.QuantityChanged, SupportStaff.Reason),
            (fix.Type, fix.Reason));
        Assert.Equal((agent.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, agent.Identity!.Name),
            (fix.ActorId, fix.ActorName));
        Assert.Equal(host.Clock.GetUtcNow(), fix.At, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task RemoveLineAndClear_WhenSupportFixes_ShopperReadsThem()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var mug = await host.AddProductAsync(12.5m);
        var shirt = await host.AddProductAsync(29.99m);
        var (shopper, _) = host.NewShopper();
        await shopper.AddAsync(mug, 1);
        var cart = await shopper.AddAsync(shirt, 1);

        var removed = await host.RunAsync(agent, new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason, SupportAction.RemoveLine, mug));
        Assert.True(removed.Succeeded, removed.Message);
        Assert.Null((await shopper.GetCartAsync()).Line(mug));

        var cleared = await host.RunAsync(agent, new FixCart(cart.CartId(), removed.Value, SupportStaff.Reason, SupportAction.ClearCart));
        Assert.True(cleared.Succeeded, cleared.Message);
        Assert.Equal(0, (await shopper.GetCartAsync()).GetProperty("totalItems").GetInt32());
        Assert.Equal([CartActivityTypes.ItemRemoved, CartActivityTypes.CartCleared],
            (await host.SupportEventsAsync(cart.CartId())).Select(e => e.Type));
    }

    [Fact]
    public async Task Reprice_WhenThePriceChanged_LineTakesTheCurrentPrice()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var sku = await host.AddProductAsync(10m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 1);
        await host.SetPriceAsync(sku, 12m);

        var result = await host.RunAsync(agent, new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason, SupportAction.RepriceLines, null));

        Assert.True(result.Succeeded, result.Message);
        var line = (await shopper.GetCartAsync()).Line(sku)!.Value;
        Assert.Equal((12m, false), (line.GetProperty("unitPrice").GetDecimal(), line.GetProperty("priceChanged").GetBoolean()));
    }

    [Fact]
    public async Task ReleaseHold_WhenSupportReleases_StockIsFreeAndTheLineStays()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var sku = await host.NewStockedProductAsync(10);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 3);

        var result = await host.RunAsync(agent, new ReleaseCartHold(cart.CartId(), sku, cart.Version(), SupportStaff.Reason));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((10, 0), await host.StockOfAsync(sku));
        var read = await shopper.GetCartAsync();
        Assert.Equal(3, read.Line(sku)!.Value.GetProperty("quantity").GetInt32());
        Assert.Equal(0, read.HoldOf(sku).Units());
        var release = Assert.Single(await host.SupportEventsAsync(cart.CartId()));
        Assert.Equal((CartActivityTypes.HoldReleased, SupportStaff.Reason), (release.Type, release.Reason));
    }

    [Fact]
    public async Task ExtendHold_WhenSupportExtends_HoldRunsTheNormalDurationFromNow()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var sku = await host.NewStockedProductAsync(10);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 2);
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        var result = await host.RunAsync(agent, new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason, SupportAction.ExtendHold, sku));

        Assert.True(result.Succeeded, result.Message);
        var hold = (await shopper.GetCartAsync()).HoldOf(sku);
        // The document shows whole seconds; the old expiry was five minutes from now.
        Assert.Equal(2, hold.Units());
        Assert.InRange(hold.ExpiresAt()!.Value, host.Clock.GetUtcNow().AddMinutes(15).AddSeconds(-1),
            host.Clock.GetUtcNow().AddMinutes(15));
        Assert.Equal((10, 2), await host.StockOfAsync(sku));
    }

    [Fact]
    public async Task UndoRemoval_AfterThePriceRose_RestoresTheLineAtItsPriceAtAdd()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var mug = await host.AddProductAsync(12.5m);
        var sku = await host.AddProductAsync(10m);
        var (shopper, _) = host.NewShopper();
        await shopper.AddAsync(mug, 1);
        var added = await shopper.AddAsync(sku, 4);
        var afterRemoval = await (await shopper.DeleteAsync(CartApi.Item(sku))).ExpectAsync(HttpStatusCode.OK);
        await host.SetPriceAsync(sku, 15m);
        var removal = (await host.Reader().TimelineAsync(added.CartId(), 0, 10, default)).Items
            .First(e => e.Type == CartActivityTypes.ItemRemoved);

        var result = await host.RunAsync(agent, new FixCart(added.CartId(), afterRemoval.Version(), SupportStaff.Reason, SupportAction.UndoRemoval, RemovalEventId: removal.Id));

        Assert.True(result.Succeeded, result.Message);
        var line = (await shopper.GetCartAsync()).Line(sku)!.Value;
        Assert.Equal((4, 10m, 15m), (line.GetProperty("quantity").GetInt32(), line.GetProperty("unitPrice").GetDecimal(),
            line.GetProperty("currentUnitPrice").GetDecimal()));
    }

    // The case: a support fix made while the shopper changes the same cart.
    [Fact]
    public async Task SetQuantity_WhenTheShopperChangedTheCartMeanwhile_ConflictsAndKeepsTheShoppersChange()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var mug = await host.AddProductAsync(12.5m);
        var (shopper, _) = host.NewShopper();
        var seen = await shopper.AddAsync(mug, 2);
        await (await shopper.PutJsonAsync(CartApi.Item(mug), new { quantity = 7 })).ExpectAsync(HttpStatusCode.OK);

        var result = await host.RunAsync(agent, new FixCart(seen.CartId(), seen.Version(), SupportStaff.Reason, SupportAction.SetQuantity, mug, 1));

        Assert.Equal(ConsoleOutcome.Conflict, result.Outcome);
        Assert.Equal(7, (await shopper.GetCartAsync()).Line(mug)!.Value.GetProperty("quantity").GetInt32());
        Assert.Empty(await host.SupportEventsAsync(seen.CartId()));
        var fresh = await host.ValueOfAsync(agent, new ReadCart(seen.CartId()));
        Assert.Equal(7, fresh.Lines.Single(l => l.Sku == mug).Quantity);
    }

    [Fact]
    public async Task SetQuantity_ByAMerchandiser_IsRefusedByTheRunner()
    {
        var host = Own(new CartAppFactory(Database));
        var mug = await host.AddProductAsync(12.5m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(mug, 2);

        var result = await host.RunAsync(await host.StaffSessionAsync(StaffRoles.Merchandiser), new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason, SupportAction.SetQuantity, mug, 5));

        Assert.Equal(ConsoleOutcome.Refused, result.Outcome);
        Assert.Equal(cart.Version(), (await shopper.GetCartAsync()).Version());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ok  ")]
    public async Task SetQuantity_WithoutAGoodReason_ChangesNothing(string reason)
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var mug = await host.AddProductAsync(12.5m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(mug, 2);

        var result = await host.RunAsync(agent, new FixCart(cart.CartId(), cart.Version(), reason, SupportAction.SetQuantity, mug, 5));

        Assert.Equal((ConsoleOutcome.Invalid, SupportReasons.Field), (result.Outcome, result.Field));
        Assert.Equal(cart.Version(), (await shopper.GetCartAsync()).Version());
    }

    [Fact]
    public async Task SetQuantity_BeyondTheStock_IsRefusedAndChangesNothing()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var sku = await host.NewStockedProductAsync(3);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 2);

        var result = await host.RunAsync(agent, new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason, SupportAction.SetQuantity, sku, 5));

        Assert.Equal(ConsoleOutcome.Invalid, result.Outcome);
        Assert.Equal(cart.Version(), (await shopper.GetCartAsync()).Version());
        Assert.Equal((3, 2), await host.StockOfAsync(sku));
    }
}

public sealed class SupportCartFixesSqliteTests() : SupportCartFixesTests(DatabaseProvider.Sqlite);

public sealed class SupportCartFixesPostgresTests() : SupportCartFixesTests(DatabaseProvider.PostgreSql);
