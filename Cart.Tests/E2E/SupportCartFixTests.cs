using Cart.Tests.Admin.Support;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.Playwright;

namespace Cart.Tests.E2E;

/// <summary>Support in a real browser: find a cart a shopper built through the API, fix it, and the shopper sees it.</summary>
public sealed class SupportCartFixTests(ConsoleBrowser chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task ChangeQuantity_FromTheConsole_TheApiReturnsItAndTheTimelineShowsTheReason()
    {
        var sku = await Host.AddProductAsync(10m);
        var (shopper, userId) = Host.NewShopper();
        var cart = await shopper.AddAsync(sku, 2);
        await using var console = await SignedInAsync(StaffRoles.Support);
        var page = console.Page;

        await page.GotoAsync("/admin/carts");
        await page.Locator("#lookup-value-input").FillAsync(userId);
        await page.Locator("#lookup-search").ClickAsync();
        var link = page.GetByRole(AriaRole.Link, new() { Name = cart.CartId() });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "carts-lookup");
        await link.ClickAsync();

        await page.Locator($"#fix-quantity-{sku}").ClickAsync();
        await page.Locator("#fix-quantity-value").FillAsync("5");
        await page.Locator("#fix-reason").FillAsync(SupportStaff.Reason);
        await page.Locator("#fix-apply").ClickAsync();

        await Assertions.Expect(page.Locator("#fix-notice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cart-timeline")).ToContainTextAsync(SupportStaff.Reason);
        await Assertions.Expect(page.Locator($"#line-{sku} .line-quantity")).ToHaveTextAsync("5");
        await ConsoleBrowser.ScreenshotAsync(page, "cart-detail");
        Assert.Equal(5, (await shopper.GetCartAsync()).Line(sku)!.Value.GetProperty("quantity").GetInt32());
        Assert.Empty(console.Complaints);
    }
}
