using System.Net;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin;

/// <summary>What each role opens, the jobs dashboard among it, and the accounts the console starts with.</summary>
public sealed class StaffRolesTests : OwnHostsTest
{
    [Fact]
    public async Task JobsDashboard_ForAnAdmin_ShowsThePage()
    {
        var host = Own(new CartAppFactory(Database));
        var admin = await host.SignedInStaffAsync(StaffRoles.Admin);

        var response = await admin.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cart jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.Merchandiser)]
    public async Task JobsDashboard_ForAnotherRole_IsDenied(string role)
    {
        var host = Own(new CartAppFactory(Database));
        var staff = await host.SignedInStaffAsync(role);

        var response = await staff.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/denied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("Cart jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")] // loopback no longer opens it by itself
    [InlineData("203.0.113.7")]
    public async Task JobsDashboard_WhenNotSignedIn_SendsToTheSignInPage(string address)
    {
        await using var factory = new CartAppFactory(Database);
        var client = factory.WithClientAddresses().ClientFrom(address);

        var response = await client.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/sign-in?ReturnUrl=%2Fadmin%2Fjobs",
            response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_ForAnAccountWithNoRole_IsDenied()
    {
        var host = Own(new CartAppFactory(Database));
        var client = host.ClientWithoutRedirects();
        await client.SignInAsync(await host.NewStaffAsync(), TestStaff.Password);

        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/denied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithBootstrapSettings_CreatesTheFirstAdminOnce()
    {
        var first = Own(new CartAppFactory(Database, settings: Bootstrap("first-admin@cart.test")));
        await first.StaffAccountsReadyAsync();
        var signIn = await first.ClientWithoutRedirects().SignInAsync("first-admin@cart.test", TestStaff.Password);
        var second = Own(new CartAppFactory(Database, settings: Bootstrap("second-admin@cart.test")));
        await second.StaffAccountsReadyAsync();

        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        await using var scope = second.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal(["first-admin@cart.test"], (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Select(u => u.Email));
    }

    /// <summary>A bootstrap password Identity would refuse stops the start, rather than leave the console without an
    /// admin while the background setup retries for ever.</summary>
    [Theory]
    [InlineData("Production", "too-short")]
    [InlineData("Testing", "aaaaaaaaaaaaaaaaaaaa")]
    public async Task Start_WithABootstrapPasswordIdentityRefuses_FailsNamingIt(string environment, string password)
    {
        await using var host = new CartAppFactory(Database, environment, settings: new Dictionary<string, string?>
        {
            ["Admin:BootstrapEmail"] = "first-admin@cart.test",
            ["Admin:BootstrapPassword"] = password,
            ["DataProtection:AllowUnprotectedKeys"] = "true", // Production's other requirement, not the one under test
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.Server).ToString();

        Assert.Contains("Admin:BootstrapPassword is refused", failure, StringComparison.Ordinal);
        Assert.Contains(environment == "Production" ? "at least 12 characters" : "at least 5 different characters",
            failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithADevelopmentPasswordOutsideDevelopment_Fails()
    {
        await using var host = new CartAppFactory(Database, settings: new Dictionary<string, string?>
        {
            ["Admin:DevelopmentPassword"] = "a-development-password",
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Admin:DevelopmentPassword", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InDevelopment_SeedsOneUserOfEachRole()
    {
        var host = Own(new CartAppFactory(Database, environment: "Development", testAuth: false));
        await host.StaffAccountsReadyAsync();
        var client = host.ClientWithoutRedirects();

        foreach (var (email, _) in StaffAccounts.DevelopmentUsers)
        {
            var signIn = await client.SignInAsync(email, "cart-console-dev");
            Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        }
    }

    private static Dictionary<string, string?> Bootstrap(string email) => new()
    {
        ["Admin:BootstrapEmail"] = email,
        ["Admin:BootstrapPassword"] = TestStaff.Password,
    };
}
