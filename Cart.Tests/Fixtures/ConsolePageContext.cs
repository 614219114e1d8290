using System.Security.Claims;
using Bunit;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Cart.Tests.Fixtures;

/// <summary>
/// A bUnit context for one console page: the page's services come from a scope of a real test host (its database,
/// caches and use cases, as the running console has them), MudBlazor's services are registered, and the user is a
/// staff member with the given roles: a real account in the host's database, whose session carries what a sign-in's
/// would (id, security stamp), so the console's services find them in good standing. Which console policies that user
/// meets is decided by the host's own policies, so a test of "hidden for this role" follows the real rules.
/// </summary>
public sealed class ConsolePageContext : BunitContext
{
    private readonly AsyncServiceScope _scope;

    public ConsolePageContext(CartAppFactory host, params string[] roles)
    {
        _ = host.Server;
        _scope = host.Services.CreateAsyncScope();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddFallbackServiceProvider(_scope.ServiceProvider);

        // Off the test's synchronization context: a constructor cannot await the account's creation.
        Session = Task.Run(() => host.StaffSessionAsync(roles)).GetAwaiter().GetResult();
        UserName = Session.Identity!.Name!;
        var authorization = AddAuthorization();
        authorization.SetAuthorized(UserName);
        authorization.SetRoles(roles);
        authorization.SetPolicies(PoliciesMet(host, roles));
        authorization.SetClaims(Session.Claims.Where(c => c.Type != ClaimTypes.Name && c.Type != ClaimTypes.Role)
            .ToArray());
    }

    /// <summary>The signed-in staff member's name (their email).</summary>
    public string UserName { get; }

    /// <summary>The staff member's session as their sign-in would carry it.</summary>
    public ClaimsPrincipal Session { get; }

    /// <summary>A service of the host, from the same scope the page's services come from.</summary>
    public T Service<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _scope.DisposeAsync();
    }

    private static string[] PoliciesMet(CartAppFactory host, string[] roles)
    {
        var identity = new ClaimsIdentity(
            roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, "staff")),
            Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
        var user = new ClaimsPrincipal(identity);
        var authorization = host.Services.GetRequiredService<IAuthorizationService>();
        string[] policies = [StaffRoles.StaffPolicy, StaffRoles.AdminPolicy, StaffRoles.MerchandisingPolicy, StaffRoles.SupportPolicy];
        return policies.Where(p => authorization.AuthorizeAsync(user, p).GetAwaiter().GetResult().Succeeded).ToArray();
    }
}
