using System.Net;
using System.Security.Claims;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Security;

/// <summary>
/// No console page or endpoint opens signed out, and none opens for a staff member whose roles its policy refuses;
/// every route is found (<see cref="ConsoleRoutes"/>), so pages added later are held to the same rules.
/// </summary>
public sealed class ConsoleAccessTests : OwnHostsTest
{
    [Fact]
    public async Task EveryConsoleRoute_WhenSignedOut_SendsToTheSignInPage()
    {
        var host = Own(new CartAppFactory(Database));
        var client = host.ClientWithoutRedirects();
        var routes = ConsoleRoutes.Endpoints(host).Where(r => !ConsoleRoutes.IsAnonymous(r.Template)).ToList();
        var components = ConsoleRoutes.Components().Where(c => !ConsoleRoutes.IsAnonymous(c.Template)).ToList();
        Assert.Contains(routes, r => r.Template == "/admin");
        Assert.Contains(routes, r => r.Template.StartsWith("/admin/jobs", StringComparison.Ordinal));
        Assert.NotEmpty(components);

        var open = new List<string>();
        var paths = routes.SelectMany(r => r.Methods.Select(m => (Method: m, r.Path)))
            .Concat(components.Select(c => (Method: "GET", Path: ConsoleRoutes.PathOf(c.Template))))
            .Distinct();
        foreach (var (method, path) in paths)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method == "GET" ? null : new FormUrlEncodedContent([]),
            });
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect
                || !location.StartsWith("http://localhost/admin/sign-in?ReturnUrl=", StringComparison.Ordinal))
            {
                open.Add($"{method} {path} → {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(open.Count == 0, "reachable signed out: " + string.Join("; ", open));
    }

    [Fact]
    public void EveryConsoleComponent_WithARoute_DeclaresAPolicyOrIsMeantForEveryone()
    {
        var undeclared = ConsoleRoutes.Components()
            .Where(c => !ConsoleRoutes.IsAnonymous(c.Template))
            .Where(c => c.Component.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()
                .All(a => string.IsNullOrEmpty(a.Policy)))
            .Select(c => c.Template)
            .ToList();

        Assert.True(undeclared.Count == 0, "no [Authorize(Policy = ...)]: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task EveryConsoleRoute_ForAStaffMemberItsPolicyRefuses_IsDenied()
    {
        var host = Own(new CartAppFactory(Database));
        var clients = new Dictionary<string, HttpClient>();
        var authorization = host.Services.GetRequiredService<IAuthorizationService>();
        var routes = ConsoleRoutes.Endpoints(host).Where(r => !ConsoleRoutes.IsAnonymous(r.Template)).ToList();
        var checkedRoutes = 0;

        var open = new List<string>();
        foreach (var route in routes)
        {
            var policies = route.Policies.OfType<string>().Where(p => p.Length > 0).ToList();
            Assert.True(policies.Count > 0, $"{route} declares no policy");
            foreach (var role in new[] { "", StaffRoles.Support, StaffRoles.Merchandiser, StaffRoles.Admin })
            {
                if (await MeetsAllAsync(authorization, role, policies))
                {
                    continue;
                }

                if (!clients.TryGetValue(role, out var client))
                {
                    client = clients[role] = role.Length == 0
                        ? await SignedInWithoutRolesAsync(host)
                        : await host.SignedInStaffAsync(role);
                }

                checkedRoutes++;
                var method = route.Methods.Contains("GET") ? HttpMethod.Get : new HttpMethod(route.Methods[0]);
                var response = await client.SendAsync(new HttpRequestMessage(method, route.Path)
                {
                    Content = method == HttpMethod.Get ? null : new FormUrlEncodedContent([]),
                });
                if (response.StatusCode != HttpStatusCode.Redirect
                    || response.Headers.Location?.AbsolutePath != StaffAccountEndpoints.DeniedPage)
                {
                    open.Add($"{method} {route.Path} as '{role}' → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(checkedRoutes >= routes.Count, "every route was tried with at least one refused role");
        Assert.True(open.Count == 0, "not denied: " + string.Join("; ", open));
    }

    private static async Task<bool> MeetsAllAsync(IAuthorizationService authorization, string role, List<string> policies)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "staff") };
        if (role.Length > 0)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme));
        foreach (var policy in policies)
        {
            if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<HttpClient> SignedInWithoutRolesAsync(CartAppFactory host)
    {
        var client = host.ClientWithoutRedirects();
        await client.SignInAsync(await host.NewStaffAsync(), TestStaff.Password);
        return client;
    }
}
