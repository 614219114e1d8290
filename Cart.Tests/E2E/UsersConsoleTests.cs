using System.Text.RegularExpressions;
using Cart.Infrastructure.Email;
using Cart.Tests.Admin.Users;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Cart.Tests.E2E;

/// <summary>Inviting a staff member in a real browser, through the emailed link to their first sign-in.</summary>
public sealed class UsersConsoleTests(ConsoleBrowser chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task Invite_InChromium_TheInviteeSetsAPasswordSignsInAndIsDeniedTheJobs()
    {
        var adminEmail = await Host.NewStaffAsync(StaffRoles.Admin);
        await using var admin = await ConsolePage.SignedInAsync(Chromium, Host, adminEmail);
        var page = admin.Page;
        var email = $"invitee-{Guid.NewGuid():N}@cart.test";

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        // The table loads once the page is live (its circuit up): only then does the form act.
        await Assertions.Expect(page.Locator("tbody tr", new() { HasText = adminEmail })).ToContainTextAsync("Active");
        await page.Locator(".invite-email input").FillAsync(email);
        await page.Locator(".invite-role-Support input").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Invitation sent to {email}.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tbody tr", new() { HasText = email })).ToContainTextAsync("Invited");
        await ConsoleBrowser.ScreenshotAsync(page, "users");

        var link = await InvitationLinkAsync(email);
        await using var invitee = await ConsolePage.OpenAsync(Chromium, Host);
        await invitee.Page.GotoAsync(link.PathAndQuery); // the link's address is the configured public one
        await Assertions.Expect(invitee.Page.GetByText($"Choose a password for {email}")).ToBeVisibleAsync();
        await invitee.Page.GetByLabel("New password").FillAsync(TestStaff.Password);
        await invitee.Page.GetByLabel("Repeat the password").FillAsync(TestStaff.Password);
        await ConsoleBrowser.ScreenshotAsync(invitee.Page, "accept-invitation");
        await invitee.Page.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Assertions.Expect(invitee.Page.GetByText("Your password is set")).ToBeVisibleAsync();
        await invitee.SignInAsync(email);
        await invitee.Page.GotoAsync("/admin/jobs");

        await Assertions.Expect(invitee.Page).ToHaveURLAsync(new Regex("/admin/denied"));
        await Assertions.Expect(invitee.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        Assert.Empty(admin.Complaints);
        Assert.Empty(invitee.Complaints);
    }

    /// <summary>The link in the invitation email, from the host's pickup folder (written a moment after the click).</summary>
    private async Task<Uri> InvitationLinkAsync(string email)
    {
        var folder = Path.GetFullPath(Host.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory);
        IReadOnlyList<Uri> links = [];
        Assert.True(await Eventually.TrueAsync(async () => (links = await StaffUsersHost.LinksInAsync(folder, email)).Count > 0),
            "no invitation email");
        return Assert.Single(links);
    }
}
