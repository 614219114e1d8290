using Cart.Infrastructure.Catalog;
using Cart.Tests.Admin.Merchandising;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cart.Tests.E2E;

/// <summary>
/// A console tab left open while its staff member is disabled, signed out elsewhere or loses their role: its next
/// change is refused in the tab, and nothing changes.
/// </summary>
public sealed class OpenTabTests(ConsoleBrowser chromium) : ConsoleTest(chromium)
{
    [Theory]
    [InlineData("disabled")]
    [InlineData("signed-out-elsewhere")]
    [InlineData("role-removed")]
    public async Task PriceChange_InATabOpenedBeforeTheAccountChanged_IsRefusedAndChangesNothing(string change)
    {
        await Host.AddStockedAsync("TAB-1", "Rattan Basket", 10.00m, onHand: 50);
        var email = await Host.NewStaffAsync(StaffRoles.Merchandiser);
        await using var tab = await ConsolePage.SignedInAsync(Chromium, Host, email);
        var page = tab.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit TAB-1" }).ClickAsync();
        await page.Locator(".mud-dialog input").First.FillAsync("1.00"); // the price, the dialog's first field

        await ChangeAccountAsync(change, email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("If your account was changed, sign in again");
        await ConsoleBrowser.ScreenshotAsync(page, $"open-tab-{change}");
        Assert.Equal(10.00m, await Host.WithDbAsync(db =>
            db.Products().AsNoTracking().Where(p => p.Sku == "TAB-1").Select(p => p.Price).SingleAsync()));
    }

    private async Task ChangeAccountAsync(string change, string email)
    {
        if (change == "signed-out-elsewhere")
        {
            await using var elsewhere = await ConsolePage.SignedInAsync(Chromium, Host, email);
            await elsewhere.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(elsewhere.Page.GetByText("You are signed out")).ToBeVisibleAsync();
            return;
        }

        var admin = await Host.StaffSessionAsync(StaffRoles.Admin);
        await using var scope = Host.Services.CreateAsyncScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email))!.Id;
        var result = change == "disabled"
            ? await Host.RunAsync(admin, new DisableStaff(id))
            : await Host.RunAsync(admin, new SetStaffRoles(id, [StaffRoles.Support]));
        Assert.True(result.Succeeded, result.Message);
    }
}
