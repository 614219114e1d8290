using System.Net;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
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
        var result = await users.AdministerAsync(admin, (a, me) => a.DisableAsync(me, id, default));
        Assert.True(result.Done, result.Message);
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

        Assert.True((await users.AdministerAsync(a => a.DisableAsync(admin, id, default))).Done);
        Assert.True((await users.AdministerAsync(a => a.EnableAsync(admin, id, default))).Done);

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

        var result = await users.AdministerAsync(admin, (a, me) =>
            a.SetRolesAsync(me, id, [StaffRoles.Support], default));

        Assert.Equal(StaffActionResult.Refused("You cannot remove your own Admin role."), result);
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

        var result = await users.AdministerAsync(async a =>
            await a.SetRolesAsync(admin, (await users.FindAsync(target))!.Id, [StaffRoles.Admin], default));
        users.Host.Clock.Advance(TimeSpan.FromMinutes(2)); // past Admin:RecheckInterval

        Assert.True(result.Done, result.Message);
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

        await Assert.ThrowsAsync<StaffAdministrationDeniedException>(() =>
            users.AdministerAsync(a => a.DisableAsync(demoted, id, default)));

        Assert.False(StaffStatuses.IsDisabled((await users.FindAsync(target))!));
    }
}
