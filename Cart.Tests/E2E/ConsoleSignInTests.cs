using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.Playwright;

namespace Cart.Tests.E2E;

/// <summary>The console in a real browser against the app on loopback: signing in, the live circuit, the policy.</summary>
public sealed class ConsoleSignInTests(ConsoleBrowser chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task SignIn_InChromium_OpensTheLiveConsoleWithoutPolicyViolations()
    {
        var email = await Host.NewStaffAsync(StaffRoles.Admin);
        await using var console = await ConsolePage.OpenAsync(Chromium, Host);
        var page = console.Page;
        var circuit = page.WaitForWebSocketAsync(new PageWaitForWebSocketOptions
        {
            Predicate = socket => socket.Url.Contains("/_blazor", StringComparison.Ordinal),
        });

        await page.GotoAsync("/admin");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/sign-in"));
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestStaff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Signed in as {email}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToBeVisibleAsync();
        var socket = await circuit;
        await ConsoleBrowser.ScreenshotAsync(page, "home");
        Assert.False(socket.IsClosed, "the Blazor circuit closed");
        Assert.Empty(console.Complaints);
    }
}
