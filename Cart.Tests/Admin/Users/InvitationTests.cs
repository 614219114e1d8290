using System.Net;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Users;

/// <summary>Inviting a staff member: the account without a password, the emailed link, setting the password once.</summary>
public sealed class InvitationTests : OwnHostsTest
{
    [Fact]
    public async Task Invite_ByAnAdmin_CreatesAnInvitedAccountAndEmailsALinkToThePublicAddress()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var admin = await users.Host.NewStaffAsync(StaffRoles.Admin);

        var result = await users.AdministerAsync(admin,
            new InviteStaff(" new.merch@cart.test ", [StaffRoles.Merchandiser]));

        Assert.True(result.Succeeded, result.Message);
        var link = Assert.Single(await users.LinksToAsync("new.merch@cart.test"));
        Assert.StartsWith(StaffUsersHost.PublicBaseUrl + "/admin/invitation?user=", link.AbsoluteUri, StringComparison.Ordinal);
        var page = (await users.AdministerAsync(admin, new ReadStaff("new.", 0, 25))).Value!;
        var member = Assert.Single(page.Members);
        Assert.Equal(("new.merch@cart.test", StaffStatus.Invited), (member.Email, member.Status));
        Assert.Equal([StaffRoles.Merchandiser], member.Roles);
    }

    [Fact]
    public async Task Accept_WithTheLink_SetsThePasswordOnceAndTheInviteeSignsIn()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var link = await InviteAsync(users, "invitee@cart.test");
        var browser = users.Host.ClientWithoutRedirects();

        var accepted = await StaffUsersHost.AcceptAsync(browser, link, TestStaff.Password);
        var again = await browser.GetStringAsync(link.PathAndQuery);
        var signIn = await browser.SignInAsync("invitee@cart.test", TestStaff.Password);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/admin/sign-in?invited=1", accepted.Headers.Location?.PathAndQuery);
        Assert.Contains("This invitation has been used already", again, StringComparison.Ordinal);
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        Assert.True((await users.FindAsync("invitee@cart.test"))!.EmailConfirmed);
    }

    [Fact]
    public async Task Accept_WithAPasswordTheRulesRefuse_SaysWhyAndKeepsTheLinkOpen()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var link = await InviteAsync(users, "short@cart.test");
        var browser = users.Host.ClientWithoutRedirects();

        var refused = await StaffUsersHost.AcceptAsync(browser, link, "short");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("at least 12 characters", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await users.FindAsync("short@cart.test"))!.PasswordHash);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffUsersHost.AcceptAsync(browser, link, TestStaff.Password)).StatusCode);
    }

    [Fact]
    public async Task Accept_WithAnExpiredLink_IsRefusedAndSetsNothing()
    {
        // Identity's token reads the system clock (not the host's), so the test makes every token expire as it is made.
        var users = StaffUsersHost.Create(Database, s =>
            s.PostConfigure<InvitationTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromMinutes(-1)));
        Own(users.Host);
        var link = await InviteAsync(users, "late@cart.test");
        var browser = users.Host.ClientWithoutRedirects();

        var page = await browser.GetStringAsync(link.PathAndQuery);

        Assert.Contains("This invitation link has expired or is not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Set my password", page, StringComparison.Ordinal);
        Assert.Null((await users.FindAsync("late@cart.test"))!.PasswordHash);
    }

    [Fact]
    public async Task InvitationPage_WithAForgedTokenForAnAccountInUse_SaysOnlyThatTheLinkIsNotValid()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var member = (await users.FindAsync(await users.Host.NewStaffAsync(StaffRoles.Support)))!;

        var page = await users.Host.ClientWithoutRedirects()
            .GetStringAsync($"/admin/invitation?user={Uri.EscapeDataString(member.Id)}&token=forged");

        Assert.Contains("This invitation link has expired or is not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("used already", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationPage_WithAForgedTokenForADisabledAccount_SaysOnlyThatTheLinkIsNotValid()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var admin = await users.Host.NewStaffAsync(StaffRoles.Admin);
        var link = await InviteAsync(users, "gone@cart.test");
        var member = (await users.FindAsync("gone@cart.test"))!;
        var disabled = await users.AdministerAsync(admin, new DisableStaff(member.Id));
        Assert.True(disabled.Succeeded, disabled.Message);
        var browser = users.Host.ClientWithoutRedirects();

        var forged = await browser.GetStringAsync($"/admin/invitation?user={Uri.EscapeDataString(member.Id)}&token=forged");
        var genuine = await browser.GetStringAsync(link.PathAndQuery);

        Assert.Contains("This invitation link has expired or is not valid", forged, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", forged, StringComparison.Ordinal);
        Assert.Contains("This account has been disabled", genuine, StringComparison.Ordinal);
    }

    [Fact]
    public void InvitationLifetime_ByDefault_IsThreeDays()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);

        var options = users.Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<InvitationTokenProviderOptions>>();

        Assert.Equal(TimeSpan.FromDays(3), options.Value.TokenLifespan);
    }

    [Fact]
    public async Task Accept_WithoutTheAntiforgeryToken_IsRefusedAndSetsNothing()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var link = await InviteAsync(users, "forged@cart.test");

        var response = await users.Host.ClientWithoutRedirects().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["_handler"] = "accept-invitation",
                ["Form.Password"] = TestStaff.Password,
                ["Form.Confirm"] = TestStaff.Password,
            }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await users.FindAsync("forged@cart.test"))!.PasswordHash);
    }

    [Fact]
    public async Task Invite_ByAStaffMemberWhoIsNotAnAdmin_IsDeniedAndCreatesNothing()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var support = await users.Host.NewStaffAsync(StaffRoles.Support);

        Assert.Equal(ConsoleOutcome.Refused,
            (await users.AdministerAsync(support, new InviteStaff("sneaky@cart.test", [StaffRoles.Admin]))).Outcome);

        Assert.Null(await users.FindAsync("sneaky@cart.test"));
        Assert.Empty(await users.LinksToAsync("sneaky@cart.test"));
    }

    private static async Task<Uri> InviteAsync(StaffUsersHost users, string email)
    {
        var admin = await users.Host.NewStaffAsync(StaffRoles.Admin);
        var result = await users.AdministerAsync(admin, new InviteStaff(email, [StaffRoles.Support]));
        Assert.True(result.Succeeded, result.Message);
        return Assert.Single(await users.LinksToAsync(email));
    }
}
