using System.Text.RegularExpressions;
using Cart.Tests.Admin.Merchandising;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.Playwright;

namespace Cart.Tests.E2E;

/// <summary>A merchandiser's day in Chromium: holds, a SKU's carts, a price change a shopper then sees; support kept out.</summary>
public sealed class MerchandisingConsoleTests(ConsoleBrowser chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task Merchandiser_InChromium_SeesHoldsAndChangesAPriceTheShopperThenSees()
    {
        await Host.AddStockedAsync("E2E-1", "Rattan Basket", 10.00m, onHand: 50);
        var (shopper, _) = Host.NewShopper();
        await shopper.AddAsync("E2E-1", 2);
        await using var console = await SignedInAsync(StaffRoles.Merchandiser);
        var page = console.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Holds" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Rattan Basket" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "48", Exact = true })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "holds");
        await page.GetByRole(AriaRole.Link, new() { Name = "E2E-1" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Held 2")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Release" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "holds-sku");

        await page.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "SGD 10.00" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "products");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit E2E-1" }).ClickAsync();
        await page.Locator(".mud-dialog input").First.FillAsync("12.00"); // the price, the dialog's first field
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "SGD 12.00" })).ToBeVisibleAsync();

        var line = (await shopper.GetCartAsync()).GetProperty("items")[0];
        Assert.True(line.GetProperty("priceChanged").GetBoolean());
        Assert.Equal(12.00m, line.GetProperty("currentUnitPrice").GetDecimal());
        Assert.Empty(console.Complaints);
    }

    [Fact]
    public async Task Support_InChromium_CannotOpenProducts()
    {
        await using var console = await SignedInAsync(StaffRoles.Support);
        var page = console.Page;

        await page.GotoAsync("/admin/products");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/denied"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Products" })).ToHaveCountAsync(0);
    }
}
