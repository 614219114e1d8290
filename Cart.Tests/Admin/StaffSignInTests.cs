using System.Net;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin;

/// <summary>Signing in to the console and out of it: the form, failures that slow but never lock, redirects, sessions.</summary>
public sealed class StaffSignInTests : OwnHostsTest
{
    [Fact]
    public async Task SignIn_WithTheRightPassword_OpensTheConsole()
    {
        var host = Own(new CartAppFactory(Database));
        var client = host.ClientWithoutRedirects();
        var email = await host.NewStaffAsync(StaffRoles.Support);

        var signIn = await client.SignInAsync(email, TestStaff.Password);
        var home = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var page = await home.Content.ReadAsStringAsync();
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains(StaffRoles.Support, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_WhenNotSignedIn_SendsToTheSignInPage()
    {
        var host = Own(new CartAppFactory(Database));

        var response = await host.ClientWithoutRedirects().GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/sign-in?ReturnUrl=%2Fadmin", response.Headers.Location?.OriginalString,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-password-123")]
    [InlineData("")]
    public async Task SignIn_WithAWrongPassword_StaysOutWithoutSayingWhichPartWasWrong(string password)
    {
        var host = Own(new CartAppFactory(Database));
        var client = host.ClientWithoutRedirects();
        var email = await host.NewStaffAsync(StaffRoles.Admin);

        var wrongPassword = await client.SignInAsync(email, password);
        var unknownEmail = await client.SignInAsync("nobody@cart.test", TestStaff.Password);

        Assert.Equal("/admin/sign-in?error=failed&returnUrl=%2Fadmin", wrongPassword.Headers.Location?.OriginalString);
        Assert.Equal(wrongPassword.Headers.Location, unknownEmail.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterManyFailuresOnTheAdminsEmail_LetsTheAdminInWithTheRightPasswordAfterTheDelay()
    {
        var factory = Own(new CartAppFactory(Database));
        var host = factory.WithClientAddresses();
        var admin = await factory.NewStaffAsync(StaffRoles.Admin);
        var attacker = host.ClientFrom("203.0.113.7");
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var failed = await WaitingOutTheDelayAsync(factory, attacker.SignInAsync(admin, "wrong-password-123"));
            Assert.Equal("/admin/sign-in?error=failed&returnUrl=%2Fadmin", failed.Headers.Location?.OriginalString);
        }

        var signIn = await WaitingOutTheDelayAsync(factory, host.ClientFrom("198.51.100.4").SignInAsync(admin, TestStaff.Password));

        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Null(await users.GetLockoutEndDateAsync((await users.FindByEmailAsync(admin))!));
    }

    [Fact]
    public async Task SignIn_ForAKnownAndAnUnknownEmail_AnswersAlikeAfterEveryFailure()
    {
        var host = Own(new CartAppFactory(Database));
        var client = host.ClientWithoutRedirects();
        var email = await host.NewStaffAsync(StaffRoles.Admin);

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var known = await WaitingOutTheDelayAsync(host, client.SignInAsync(email, "wrong-password-123"));
            var unknown = await WaitingOutTheDelayAsync(host, client.SignInAsync("nobody@cart.test", "wrong-password-123"));

            Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
            Assert.Equal("/admin/sign-in?error=failed&returnUrl=%2Fadmin", known.Headers.Location?.OriginalString);
            Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        }
    }

    [Fact]
    public async Task SignIn_ForAnUnknownADisabledAndAKnownAccount_ChecksOnePasswordHashEach()
    {
        var hashes = new CountingPasswordHasher();
        var host = Own(new CartAppFactory(Database, services: s =>
            s.AddScoped<IPasswordHasher<IdentityUser>>(sp => hashes.Around(sp))));
        var client = host.ClientWithoutRedirects();
        var known = await host.NewStaffAsync(StaffRoles.Support);
        var disabled = await host.NewStaffAsync(StaffRoles.Support);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByEmailAsync(disabled))!;
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }

        var answers = new List<string?>();
        var checks = new List<int>();
        foreach (var email in new[] { "nobody@cart.test", disabled, known })
        {
            var before = hashes.Verifications;
            answers.Add((await client.SignInAsync(email, "wrong-password-123")).Headers.Location?.OriginalString);
            checks.Add(hashes.Verifications - before);
        }

        Assert.Equal([1, 1, 1], checks);
        Assert.Single(answers.Distinct());
    }

    /// <summary>Sends a sign-in and moves the host's clock on until it is answered: an account's failures in a row
    /// delay its next answers on that clock.</summary>
    private static async Task<HttpResponseMessage> WaitingOutTheDelayAsync(CartAppFactory host,
        Task<HttpResponseMessage> signIn)
    {
        Assert.True(await Eventually.TrueAsync(() =>
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            return Task.FromResult(signIn.IsCompleted);
        }, TimeSpan.FromSeconds(60)));
        return await signIn;
    }

    /// <summary>The host's own hasher, counting the password checks it makes.</summary>
    private sealed class CountingPasswordHasher
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public IPasswordHasher<IdentityUser> Around(IServiceProvider services) =>
            new Counted(new PasswordHasher<IdentityUser>(
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>()), this);

        private sealed class Counted(PasswordHasher<IdentityUser> inner, CountingPasswordHasher counter)
            : IPasswordHasher<IdentityUser>
        {
            public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword,
                string providedPassword)
            {
                Interlocked.Increment(ref counter._verifications);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused()
    {
        var host = Own(new CartAppFactory(Database));
        var email = await host.NewStaffAsync(StaffRoles.Admin);

        var response = await host.ClientWithoutRedirects().PostAsync("/admin/account/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestStaff.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("https://evil.example/admin", "/admin")]
    [InlineData("//evil.example/admin", "/admin")]
    [InlineData("/admin//evil.example", "/admin")]
    [InlineData("/admin\\..\\evil", "/admin")]
    [InlineData("/administrator", "/admin")]
    [InlineData("/admin/jobs", "/admin/jobs")]
    [InlineData("/admin/jobs\tx", "/admin")]
    [InlineData("/admin\r\nSet-Cookie: x=1", "/admin")]
    [InlineData("/admin/jobs\u007f", "/admin")]
    [InlineData("/admin/jobs\u0085", "/admin")]
    [InlineData("/admin/caf\u00e9", "/admin")]
    public async Task SignIn_WithAReturnUrl_GoesOnlyToAPageOfTheConsole(string returnUrl, string expected)
    {
        var host = Own(new CartAppFactory(Database));
        var client = host.ClientWithoutRedirects();

        var response = await client.SignInAsync(await host.NewStaffAsync(StaffRoles.Admin), TestStaff.Password,
            returnUrl);

        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    /// <summary>Every character a local redirect or a Location header cannot carry sends the sign-in home, whatever
    /// form the value arrives in (a form post refuses a NUL before it gets here; the sign-in page's hidden field
    /// passes its query value through the same check).</summary>
    [Theory]
    [InlineData("/admin/\u0000")]
    [InlineData("/admin/\u0001x")]
    [InlineData("/admin?q=\u001f")]
    [InlineData("/admin/\t")]
    [InlineData("/admin/\u2028")]
    [InlineData("/admin/\ud800")]
    public void ConsolePathOrHome_WhenTheUrlHoldsACharacterALocationCannotCarry_IsHome(string returnUrl) =>
        Assert.Equal("/admin", StaffAccountEndpoints.ConsolePathOrHome(returnUrl));

    [Fact]
    public async Task SignOut_EndsTheSessionAndEveryCopyOfItsCookie()
    {
        var host = Own(new CartAppFactory(Database));
        var client = host.ClientWithoutRedirects();
        await client.SignInAsync(await host.NewStaffAsync(StaffRoles.Admin), TestStaff.Password);
        var copied = host.ClientWithoutRedirects();
        copied.DefaultRequestHeaders.Add("Cookie", await CookieHeaderAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/admin")).StatusCode);

        var signOut = await client.PostAsync("/admin/account/sign-out", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync("/admin") }));
        host.Clock.Advance(TimeSpan.FromMinutes(2)); // past Admin:RecheckInterval

        Assert.Equal("/admin/sign-in?signedOut=1", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await copied.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Cookie_WrittenByOneInstance_IsReadByAnother()
    {
        var first = Own(new CartAppFactory(Database));
        var second = Own(new CartAppFactory(Database));
        var client = await first.SignedInStaffAsync(StaffRoles.Support);
        var other = second.ClientWithoutRedirects();
        other.DefaultRequestHeaders.Add("Cookie", await CookieHeaderAsync(client));

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task ConsolePages_CarryTheContentSecurityPolicyAndAreNeverCached()
    {
        var host = Own(new CartAppFactory(Database));

        var response = await host.ClientWithoutRedirects().GetAsync("/admin/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ConsoleSecurityPolicy.Value, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    /// <summary>The cookies a signed-in client holds, as a Cookie header another client can send.</summary>
    private static async Task<string> CookieHeaderAsync(HttpClient client)
    {
        // The test server's cookie handler keeps them; a page's own request shows which it sends.
        var echo = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        return echo.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
    }
}
