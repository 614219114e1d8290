using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>Staff accounts of a test host, and clients signed in to its console through the real sign-in form.</summary>
public static partial class TestStaff
{
    public const string Password = "a-long-test-password-1";

    /// <summary>A new staff account with <paramref name="roles"/>; returns its email (the password is <see cref="Password"/>).</summary>
    public static async Task<string> NewStaffAsync(this CartAppFactory host, params string[] roles)
    {
        var email = $"staff-{Guid.NewGuid():N}@cart.test";
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, Password, roles);
        return email;
    }

    /// <summary>A new staff account with <paramref name="roles"/>, and the session its sign-in would carry.</summary>
    public static async Task<ClaimsPrincipal> StaffSessionAsync(this CartAppFactory host, params string[] roles) =>
        await host.SessionOfAsync(await host.NewStaffAsync(roles));

    /// <summary>The session a sign-in of <paramref name="email"/> would carry now, as Identity builds it for the cookie:
    /// account id, email, security stamp, roles.</summary>
    public static async Task<ClaimsPrincipal> SessionOfAsync(this CartAppFactory host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>()
            .CreateAsync(user);
    }

    /// <summary>Starts the host and waits until it has prepared its staff accounts (roles, first admin, demo users),
    /// which it does in the background after starting.</summary>
    public static async Task StaffAccountsReadyAsync(this CartAppFactory host)
    {
        _ = host.Services; // starts the host, on the in-memory server or on Kestrel
        var setup = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StaffAccountsSetup>()
            .Single();
        await setup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A client (not following redirects, keeping cookies) signed in as a new staff member with <paramref name="roles"/>.</summary>
    public static async Task<HttpClient> SignedInStaffAsync(this CartAppFactory host, params string[] roles)
    {
        var client = host.ClientWithoutRedirects();
        var response = await client.SignInAsync(await host.NewStaffAsync(roles), Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would: the page first (its antiforgery token and cookie), then the form.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password,
        string? returnUrl = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, "/admin/sign-in"),
            ["Email"] = email,
            ["Password"] = password,
        };
        if (returnUrl is not null)
        {
            fields["ReturnUrl"] = returnUrl;
        }

        return await client.PostAsync("/admin/account/sign-in", new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token a console page carries in its forms.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, $"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
