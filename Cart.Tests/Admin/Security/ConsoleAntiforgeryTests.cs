using System.Net;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;

namespace Cart.Tests.Admin.Security;

/// <summary>Every form post of the console needs the antiforgery token: a post without it is refused and changes nothing.</summary>
public sealed class ConsoleAntiforgeryTests : OwnHostsTest
{
    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefusedAndTheSessionLives()
    {
        var host = Own(new CartAppFactory(Database));
        var admin = await host.SignedInStaffAsync(StaffRoles.Admin);

        var response = await admin.PostAsync(StaffAccountEndpoints.SignOutAction, new FormUrlEncodedContent([]));
        host.Clock.Advance(TimeSpan.FromMinutes(2)); // past Admin:RecheckInterval: a changed security stamp would show

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task EveryConsolePost_WithoutTheAntiforgeryToken_IsRefused()
    {
        var host = Own(new CartAppFactory(Database));
        var admin = await host.SignedInStaffAsync(StaffRoles.Admin);
        var posts = ConsoleRoutes.Endpoints(host).Where(r => r.Methods.Contains("POST")).ToList();
        Assert.Contains(posts, r => r.Template == StaffAccountEndpoints.SignInAction);
        Assert.Contains(posts, r => r.Template == StaffAccountEndpoints.SignOutAction);

        var accepted = new List<string>();
        foreach (var route in posts)
        {
            // The jobs dashboard's catch-all route: one of Hangfire's own actions (trigger a recurring job now).
            var jobs = route.Template.StartsWith(JobsDashboard.Path + "/", StringComparison.Ordinal);
            var path = jobs ? JobsDashboard.Path + "/recurring/trigger" : route.Path;
            var response = await admin.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "nobody@cart.test",
                ["Password"] = TestStaff.Password,
                ["jobs[]"] = "hold-expiry",
            }));
            // Hangfire checks the token itself (with the framework's antiforgery service) and answers 403.
            if (response.StatusCode != (jobs ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest))
            {
                accepted.Add($"{route} → {(int)response.StatusCode}");
            }
        }

        Assert.True(accepted.Count == 0, "posted without a token: " + string.Join("; ", accepted));
    }
}
