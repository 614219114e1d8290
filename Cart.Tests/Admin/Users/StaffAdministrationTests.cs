using System.Net;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Users;

/// <summary>Roles, disabling and enabling, and the guard rails that keep the console with an admin.</summary>
public sealed class StaffAdministrationTests : OwnHostsTest
{
    [Fact]
    public async Task Disable_EndsEverySessionOfTheUserAndRefusesTheirSignIn()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var admin = await users.Host.NewStaffAsync(StaffRoles.Admin);
        var target = await users.Host.NewStaffAsync(StaffRoles.Support);
        var session = users.Host.ClientWithoutRedirects();
        await session.SignInAsync(target, TestStaff.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin")).StatusCode);

        var id = (await users.FindAsync(target))!.Id;
        var result = await users.AdministerAsync(admin, new DisableStaff(id));
        Assert.True(result.Succeeded, result.Message);
        users.Host.Clock.Advance(TimeSpan.FromMinutes(2)); // past Admin:RecheckInterval

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin")).StatusCode);
        var signIn = await users.Host.ClientWithoutRedirects().SignInAsync(target, TestStaff.Password);
        Assert.StartsWith("/admin/sign-in?error=failed", signIn.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enable_AfterDisable_LetsTheUserSignInAgain()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var admin = await users.SessionAsync(await users.Host.NewStaffAsync(StaffRoles.Admin));
        var target = await users.Host.NewStaffAsync(StaffRoles.Support);
        var id = (await users.FindAsync(target))!.Id;

        Assert.True((await users.AdministerAsync(admin, new DisableStaff(id))).Succeeded);
        Assert.True((await users.AdministerAsync(admin, new EnableStaff(id))).Succeeded);

        var signIn = await users.Host.ClientWithoutRedirects().SignInAsync(target, TestStaff.Password);
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SetRoles_RemovingTheirOwnAdminRole_IsRefused()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var admin = await users.Host.NewStaffAsync(StaffRoles.Admin);
        var id = (await users.FindAsync(admin))!.Id;

        var result = await users.AdministerAsync(admin, new SetStaffRoles(id, [StaffRoles.Support]));

        Assert.Equal((ConsoleOutcome.Invalid, "You cannot remove your own Admin role."), (result.Outcome, result.Message));
    }

    [Fact]
    public async Task SetRoles_ByAnAdmin_GivesTheUserTheNewRolesAtTheNextCheck()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var admin = await users.SessionAsync(await users.Host.NewStaffAsync(StaffRoles.Admin));
        var target = await users.Host.NewStaffAsync(StaffRoles.Support);
        var session = users.Host.ClientWithoutRedirects();
        await session.SignInAsync(target, TestStaff.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin/users")).StatusCode);

        var result = await users.AdministerAsync(admin,
            new SetStaffRoles((await users.FindAsync(target))!.Id, [StaffRoles.Admin]));
        users.Host.Clock.Advance(TimeSpan.FromMinutes(2)); // past Admin:RecheckInterval

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Disable_ByAnAdminWhoseAccountWasDemoted_IsDenied()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        // The session still says Admin (until its next check); the account no longer is one.
        var email = await users.Host.NewStaffAsync(StaffRoles.Admin);
        var demoted = await users.SessionAsync(email);
        await using (var scope = users.Host.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await accounts.RemoveFromRoleAsync((await accounts.FindByEmailAsync(email))!, StaffRoles.Admin);
        }
        var target = await users.Host.NewStaffAsync(StaffRoles.Admin);
        var id = (await users.FindAsync(target))!.Id;

        Assert.Equal(ConsoleOutcome.Refused, (await users.AdministerAsync(demoted, new DisableStaff(id))).Outcome);

        Assert.False(StaffStatuses.IsDisabled((await users.FindAsync(target))!));
    }
}
