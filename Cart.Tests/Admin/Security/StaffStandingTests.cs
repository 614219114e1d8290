using System.Security.Claims;
using Cart.Domain.Carts.Support;
using Cart.Infrastructure.Catalog;
using Cart.Tests.Admin.Merchandising;
using Cart.Tests.Admin.Support;
using Cart.Tests.Admin.Users;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Merchandising;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Support;
using Cart.Web.Admin.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Security;

/// <summary>
/// A console tab keeps the session it opened with: what its staff member may do is decided by their account as it is
/// at the moment of each action. Disabled, signed out elsewhere, or without the role now: refused, nothing changed.
/// </summary>
public sealed class StaffStandingTests : OwnHostsTest
{
    [Fact]
    public async Task ChangePrice_FromASessionWhoseAccountWasDisabled_IsRefusedAndChangesNothing()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("STD-1", "Kopi Mug", 10.00m, onHand: 20);
        var email = await host.NewStaffAsync(StaffRoles.Merchandiser);
        var tab = await host.SessionOfAsync(email);
        var seen = await RowAsync(host, tab, "STD-1");
        await DisableAsync(host, email);

        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(tab, new ChangePrice(seen, 1.00m))).Outcome);

        Assert.Equal(10.00m, await PriceOfAsync(host, "STD-1"));
    }

    [Fact]
    public async Task SetOnHand_FromASessionSignedOutElsewhere_IsRefusedAndChangesNothing()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("STD-2", "Tea Set", 20.00m, onHand: 20);
        var email = await host.NewStaffAsync(StaffRoles.Merchandiser);
        var tab = await host.SessionOfAsync(email);
        var seen = await RowAsync(host, tab, "STD-2");
        // What signing out does: every copy of the session's cookie stops matching the account.
        await WithAccountAsync(host, email, (users, user) => users.UpdateSecurityStampAsync(user));

        Assert.Equal(ConsoleOutcome.Refused, (await host.RunAsync(tab, new SetOnHand(seen, 0))).Outcome);

        Assert.Equal((20, 0), await host.StockOfAsync("STD-2"));
    }

    [Fact]
    public async Task SupportFix_FromASessionWhoseRoleWasRemoved_IsRefusedAndChangesNothing()
    {
        var host = Own(new CartAppFactory(Database));
        var mug = await host.AddProductAsync(12.5m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(mug, 2);
        var email = await host.NewStaffAsync(StaffRoles.Support);
        var tab = await host.SessionOfAsync(email);
        await WithAccountAsync(host, email, async (users, user) =>
        {
            await users.RemoveFromRoleAsync(user, StaffRoles.Support);
            return await users.AddToRoleAsync(user, StaffRoles.Merchandiser);
        });

        var result = await host.RunAsync(tab, new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason, SupportAction.ClearCart));

        Assert.Equal(ConsoleOutcome.Refused, result.Outcome);
        Assert.Equal(cart.Version(), (await shopper.GetCartAsync()).Version());
        Assert.Empty(await host.SupportEventsAsync(cart.CartId()));
    }

    [Fact]
    public async Task ReleaseHold_FromADisabledMerchandisersSession_IsRefused()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("STD-3", "Sarong", 8m, onHand: 10);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync("STD-3", 3);
        var email = await host.NewStaffAsync(StaffRoles.Merchandiser);
        var tab = await host.SessionOfAsync(email);
        await DisableAsync(host, email);

        var result = await host.RunAsync(tab, new ReleaseCartHold(cart.CartId(), "STD-3", cart.Version(), SupportStaff.Reason));

        Assert.Equal(ConsoleOutcome.Refused, result.Outcome);
        Assert.Equal((10, 3), await host.StockOfAsync("STD-3"));
    }

    [Fact]
    public async Task Disable_ByAnAdminSignedOutElsewhere_IsDeniedAndChangesNothing()
    {
        var users = StaffUsersHost.Create(Database);
        Own(users.Host);
        var admin = await users.Host.NewStaffAsync(StaffRoles.Admin);
        var tab = await users.SessionAsync(admin);
        var target = (await users.FindAsync(await users.Host.NewStaffAsync(StaffRoles.Support)))!;
        await WithAccountAsync(users.Host, admin, (u, user) => u.UpdateSecurityStampAsync(user));

        Assert.Equal(ConsoleOutcome.Refused, (await users.Host.RunAsync(tab, new DisableStaff(target.Id))).Outcome);

        Assert.False(StaffStatuses.IsDisabled((await users.FindAsync(target.Email!))!));
    }

    [Fact]
    public async Task SessionStillValid_AsSignedIn_IsTrueAndAfterARoleChangeIsFalse()
    {
        var host = Own(new CartAppFactory(Database));
        var email = await host.NewStaffAsync(StaffRoles.Support);
        var tab = await host.SessionOfAsync(email);
        var standing = host.Services.CreateScope().ServiceProvider.GetRequiredService<StaffStanding>();
        Assert.True(await standing.SessionStillValidAsync(tab));

        await WithAccountAsync(host, email, (users, user) => users.AddToRoleAsync(user, StaffRoles.Admin));

        Assert.False(await standing.SessionStillValidAsync(tab));
        Assert.False(await standing.SessionStillValidAsync(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public void Console_ChecksAnOpenTabsUserOnTheRecheckInterval()
    {
        var host = Own(new CartAppFactory(Database));
        using var scope = host.Services.CreateScope();

        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        Assert.IsType<ConsoleAuthenticationStateProvider>(provider);
    }

    private static async Task<ProductRow> RowAsync(CartAppFactory host, ClaimsPrincipal session, string sku)
    {
        var (items, _) = await host.ValueOfAsync(session, new ReadProducts(sku, 1, 1));
        return Assert.Single(items);
    }

    private static Task<decimal> PriceOfAsync(CartAppFactory host, string sku) =>
        host.WithDbAsync(db => db.Products().AsNoTracking().Where(p => p.Sku == sku).Select(p => p.Price).SingleAsync());

    /// <summary>Disables the account as an admin does, from the users page's service.</summary>
    private static async Task DisableAsync(CartAppFactory host, string email)
    {
        var admin = await host.StaffSessionAsync(StaffRoles.Admin);
        var id = (await WithAccountAsync(host, email, (_, user) => Task.FromResult(IdentityResult.Success), user => user.Id));
        var result = await host.RunAsync(admin, new DisableStaff(id));
        Assert.True(result.Succeeded, result.Message);
    }

    private static Task<int> WithAccountAsync(CartAppFactory host, string email,
        Func<UserManager<IdentityUser>, IdentityUser, Task<IdentityResult>> change) =>
        WithAccountAsync(host, email, change, _ => 0);

    private static async Task<T> WithAccountAsync<T>(CartAppFactory host, string email,
        Func<UserManager<IdentityUser>, IdentityUser, Task<IdentityResult>> change, Func<IdentityUser, T> result)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await change(users, user)).Succeeded);
        return result(user);
    }
}
