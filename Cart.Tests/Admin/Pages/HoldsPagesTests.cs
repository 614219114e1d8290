using System.Reflection;
using Bunit;
using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Tests.Admin.Merchandising;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Components.Pages.Holds;
using Cart.Web.Admin.Staff;
using MudBlazor;

namespace Cart.Tests.Admin.Pages;

/// <summary>The Holds page and its drill-down, rendered on a real host's services.</summary>
public sealed class HoldsPagesTests : OwnHostsTest
{
    [Fact]
    public async Task Holds_ForAMerchandiser_ShowsEachSkusFiguresAndTheExport()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("BUN-1", "Rattan Basket", 10m, onHand: 1200);
        await host.ShopperHoldingAsync("BUN-1", 3);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        console.Render<MudPopoverProvider>();

        var page = console.Render<Holds>();

        page.WaitForAssertion(() => Assert.Contains("Rattan Basket", page.Markup, StringComparison.Ordinal));
        var cells = page.FindAll("tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["BUN-1", "Rattan Basket", "1,200", "3", "1,197", "3", "1"], cells);
        Assert.Equal("/admin/holds/BUN-1", page.Find("tbody a").GetAttribute("href"));
        var export = page.FindAll("a").Single(a => a.TextContent.Contains("Download CSV", StringComparison.Ordinal));
        Assert.Equal("/admin/holds.csv?search=&sort=sku&descending=false", export.GetAttribute("href"));
    }

    [Fact]
    public async Task Holds_ForSupportOnly_IsGuardedByItsPolicyAndShowsNoFigures()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("BUN-2", "Silk Scarf", 10m, onHand: 5);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);

        // The route's one guard keeps support out; rendered all the same, its reads are refused (and so is the
        // export: HoldsCsvTests).
        var page = console.Render<Holds>();

        Assert.Equal(StaffRoles.MerchandisingPolicy,
            typeof(Holds).GetCustomAttribute<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>()?.Policy);
        page.WaitForAssertion(() => Assert.Contains("Only merchandisers and admins", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("BUN-2", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldsForSku_ForAMerchandiser_ListsTheCartsHoldingItWithLinksToThem()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("BUN-3", "Tea Set", 10m, onHand: 9);
        var (userId, cartId) = await host.ShopperHoldingAsync("BUN-3", 2);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        console.Render<MudPopoverProvider>();

        var page = console.Render<HoldsForSku>(p => p.Add(x => x.Sku, "BUN-3"));

        page.WaitForAssertion(() => Assert.Contains(cartId, page.Markup, StringComparison.Ordinal));
        Assert.Contains(userId, page.Markup, StringComparison.Ordinal);
        Assert.Contains("Held 2", page.Markup, StringComparison.Ordinal);
        Assert.Equal($"/admin/carts/{cartId}", page.Find("tbody a").GetAttribute("href"));
        var expires = host.Clock.GetUtcNow().AddMinutes(15).UtcDateTime;
        Assert.Contains(expires.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldsForSku_ForSupportOnly_ShowsNoCarts()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("BUN-4", "Tea Set", 10m, onHand: 9);
        var (_, cartId) = await host.ShopperHoldingAsync("BUN-4", 2);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);

        var page = console.Render<HoldsForSku>(p => p.Add(x => x.Sku, "BUN-4"));

        page.WaitForAssertion(() => Assert.Contains("Only merchandisers and admins", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(cartId, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldsForSku_ReleaseWithAReason_FreesTheUnitsAndRecordsWhoAndWhy()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("BUN-5", "Tea Set", 10m, onHand: 9);
        var (_, cartId) = await host.ShopperHoldingAsync("BUN-5", 2);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        console.Render<MudPopoverProvider>();
        var page = console.Render<HoldsForSku>(p => p.Add(x => x.Sku, "BUN-5"));
        page.WaitForAssertion(() => page.Find($"#release-{cartId}"));

        page.Find($"#release-{cartId}").Click();
        page.Find("#fix-reason").Input("Held by a reseller's bot");
        page.Find("#fix-apply").Click();

        page.WaitForAssertion(() => Assert.Contains($"Released the hold of cart {cartId}",
            page.Find("#release-notice").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"#release-{cartId}")));
        Assert.Contains("Held 0", page.Markup, StringComparison.Ordinal);
        var timeline = await console.Service<ICartLookup>().TimelineAsync(cartId, 0, 10, default);
        var entry = Assert.Single(timeline.Items, e => e.Type == CartActivityTypes.HoldReleased);
        Assert.Equal("Held by a reseller's bot", entry.Reason);
        Assert.Equal(console.UserName, entry.ActorName);
    }

    [Fact]
    public async Task HoldsForSku_ReleaseWithoutAReason_SaysWhyAndKeepsTheHold()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("BUN-6", "Tea Set", 10m, onHand: 9);
        var (_, cartId) = await host.ShopperHoldingAsync("BUN-6", 2);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        console.Render<MudPopoverProvider>();
        var page = console.Render<HoldsForSku>(p => p.Add(x => x.Sku, "BUN-6"));
        page.WaitForAssertion(() => page.Find($"#release-{cartId}"));

        page.Find($"#release-{cartId}").Click();
        page.Find("#fix-reason").Input("bot");
        page.Find("#fix-apply").Click();

        page.WaitForAssertion(() => page.Find("#fix-reason-error"));
        Assert.Contains("Held 2", page.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll($"#release-{cartId}"));
    }
}
