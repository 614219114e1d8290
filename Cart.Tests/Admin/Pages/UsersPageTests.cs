using System.Reflection;
using Bunit;
using Cart.Tests.Admin.Users;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Components.Pages.Users;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Users;
using MudBlazor;

namespace Cart.Tests.Admin.Pages;

/// <summary>The users page: the list with roles and status, the invite form's validation, and the guard rails' messages.</summary>
public sealed class UsersPageTests : OwnHostsTest
{
    [Fact]
    public async Task Render_ForAnAdmin_ListsTheUsersWithTheirRolesAndStatus()
    {
        var users = StaffUsersHost.Create(Database);
        await using var console = await AdminConsoleAsync(users);
        var merchandiser = await users.Host.NewStaffAsync(StaffRoles.Merchandiser, StaffRoles.Support);
        await users.AdministerAsync(Me(console), new InviteStaff("invited@cart.test", [StaffRoles.Support]));
        var disabled = await users.Host.NewStaffAsync(StaffRoles.Support);
        var disabledId = (await users.FindAsync(disabled))!.Id;
        Assert.True((await users.AdministerAsync(Me(console), new DisableStaff(disabledId))).Succeeded);

        var page = console.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("invited@cart.test", page.Markup, StringComparison.Ordinal));
        string Row(string email) => page.FindAll("tbody tr").Select(r => r.TextContent)
            .Single(r => r.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Merchandiser, Support", Row(merchandiser), StringComparison.Ordinal);
        Assert.Contains("Active", Row(merchandiser), StringComparison.Ordinal);
        Assert.Contains("Invited", Row("invited@cart.test"), StringComparison.Ordinal);
        Assert.Contains("never", Row("invited@cart.test"), StringComparison.Ordinal);
        Assert.Contains("Disabled", Row(disabled), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ForAStaffMemberWhoIsNotAnAdmin_IsGuardedByItsPolicyAndShowsNoUsers()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var someone = await users.Host.NewStaffAsync(StaffRoles.Merchandiser);
        await using var console = new ConsolePageContext(users.Host, StaffRoles.Support);
        console.Render<MudPopoverProvider>();

        // The route's one guard keeps them out; rendered all the same, its reads (and an invitation:
        // InvitationTests) are refused.
        var page = console.Render<UsersPage>();

        Assert.Equal(StaffRoles.AdminPolicy,
            typeof(UsersPage).GetCustomAttribute<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>()?.Policy);
        page.WaitForAssertion(() =>
            Assert.Contains("Only admins may manage staff accounts.", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(someone, page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", StaffRoles.Support, "Enter the email address to invite.")]
    [InlineData("not-an-email", StaffRoles.Support, "Enter a valid email address.")]
    [InlineData("no.role@cart.test", null, "Choose at least one role.")]
    public async Task Invite_WithAMissingOrBadField_SaysWhatIsWrongAndCreatesNothing(string email, string? role, string message)
    {
        var users = StaffUsersHost.Create(Database);
        await using var console = await AdminConsoleAsync(users);
        var page = console.Render<UsersPage>();

        page.Find(".invite-email input").Change(email);
        if (role is not null)
        {
            page.Find($".invite-role-{role} input").Change(true);
        }

        page.Find("form.invite").Submit();

        page.WaitForAssertion(() => Assert.Contains(message, page.Markup, StringComparison.Ordinal));
        Assert.Empty(await users.LinksToAsync(email));
        Assert.Null(email.Length == 0 ? null : await users.FindAsync(email));
    }

    [Fact]
    public async Task Disable_OnTheirOwnAccount_IsRefusedWithAMessage()
    {
        var users = StaffUsersHost.Create(Database);
        await using var console = await AdminConsoleAsync(users);
        var page = console.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Contains(console.UserName, page.Markup, StringComparison.Ordinal));

        page.FindAll("tbody tr").Single(r => r.TextContent.Contains(console.UserName, StringComparison.Ordinal))
            .QuerySelectorAll("button").Single(b => b.TextContent.Contains("Manage", StringComparison.Ordinal)).Click();
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Disable").Click();

        page.WaitForAssertion(() => Assert.Contains("You cannot disable your own account.", page.Find(".action-result").TextContent,
            StringComparison.Ordinal));
        Assert.False(StaffStatuses.IsDisabled((await users.FindAsync(console.UserName))!));
    }

    /// <summary>A page context for an admin whose account exists (the service checks the account, not only the roles).</summary>
    private Task<ConsolePageContext> AdminConsoleAsync(StaffUsersHost users)
    {
        Own(users.Host);
        var console = new ConsolePageContext(users.Host, StaffRoles.Admin);
        console.Render<MudPopoverProvider>();
        return Task.FromResult(console);
    }

    private static System.Security.Claims.ClaimsPrincipal Me(ConsolePageContext console) => console.Session;
}
