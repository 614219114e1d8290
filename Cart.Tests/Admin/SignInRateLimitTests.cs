using System.Net;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Cart.Web.Platform.RateLimiting;

namespace Cart.Tests.Admin;

/// <summary>The per-address budget of failed sign-ins: one address cannot try passwords across many accounts, and a
/// team behind one address is never refused for signing in.</summary>
public sealed class SignInRateLimitTests : OwnHostsTest
{
    private const string Attacker = "203.0.113.7";
    private const string Colleague = "198.51.100.4";

    [Fact]
    public async Task SignIn_OverTheAddressBudget_IsRefusedWithWhenToTryAgain()
    {
        var factory = Own(new CartAppFactory(Database, settings: SignInBudget(3)));
        var host = factory.WithClientAddresses();
        var accounts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            accounts.Add(await factory.NewStaffAsync(StaffRoles.Admin));
        }

        var attacker = host.ClientFrom(Attacker);
        for (var i = 0; i < 3; i++)
        {
            // One wrong password per account: far from any account's lockout.
            var failed = await attacker.SignInAsync(accounts[i], "wrong-password-123");
            Assert.StartsWith("/admin/sign-in?error=failed", failed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var refused = await attacker.SignInAsync(accounts[3], TestStaff.Password);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/sign-in?error=too-many&retryAfter=", refused.Headers.Location?.OriginalString,
            StringComparison.Ordinal);
        var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 300);
        var page = await attacker.GetStringAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("Too many sign-in attempts from your address", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/admin")).StatusCode); // still signed out
    }

    [Fact]
    public async Task SignIn_ATeamBehindOneAddress_AllSignInBecauseOnlyFailuresCount()
    {
        var factory = Own(new CartAppFactory(Database, settings: SignInBudget(3)));
        var office = factory.WithClientAddresses();
        var team = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            team.Add(await factory.NewStaffAsync(StaffRoles.Support));
        }

        foreach (var member in team)
        {
            var signIn = await office.ClientFrom(Colleague).SignInAsync(member, TestStaff.Password);
            Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task SignIn_OnTwoInstancesSharingRedis_SpendsOneBudgetOfFailures()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        var first = Own(new CartAppFactory(Database, redis: ApiFixture.RedisAddress, redisKeyPrefix: prefix,
            settings: SignInBudget(2)));
        var second = Own(new CartAppFactory(Database, redis: ApiFixture.RedisAddress, redisKeyPrefix: prefix,
            settings: SignInBudget(2)));
        var (one, other) = (first.WithClientAddresses(), second.WithClientAddresses());
        var member = await first.NewStaffAsync(StaffRoles.Support);
        foreach (var instance in new[] { one, other, one })
        {
            // A success gives its place back, on either instance.
            Assert.Equal("/admin", (await instance.ClientFrom(Attacker).SignInAsync(member, TestStaff.Password))
                .Headers.Location?.OriginalString);
        }

        await one.ClientFrom(Attacker).SignInAsync("nobody-1@cart.test", "wrong-password-123");
        await other.ClientFrom(Attacker).SignInAsync("nobody-2@cart.test", "wrong-password-123");
        var refused = await one.ClientFrom(Attacker).SignInAsync(member, TestStaff.Password);

        Assert.StartsWith("/admin/sign-in?error=too-many&retryAfter=", refused.Headers.Location?.OriginalString,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(7, 16)]
    [InlineData(8, 30)]
    [InlineData(1000, 30)]
    public void DelayAfter_FailuresInARow_GrowsFromOneSecondUpToTheMaximum(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInFailures.DelayAfter(failures, new RateLimitOptions()));

    [Fact]
    public async Task SignIn_FromAnotherAddress_KeepsItsOwnBudget()
    {
        var factory = Own(new CartAppFactory(Database, settings: SignInBudget(2)));
        var host = factory.WithClientAddresses();
        var email = await factory.NewStaffAsync(StaffRoles.Support);
        var attacker = host.ClientFrom(Attacker);
        for (var i = 0; i < 3; i++)
        {
            await attacker.SignInAsync($"nobody-{i}@cart.test", "wrong-password-123");
        }

        var signIn = await host.ClientFrom(Colleague).SignInAsync(email, TestStaff.Password);

        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInPage_ForAnAddressOverItsBudget_StillShows()
    {
        var factory = Own(new CartAppFactory(Database, settings: SignInBudget(1)));
        var client = factory.WithClientAddresses().ClientFrom(Attacker);
        await client.SignInAsync("nobody@cart.test", "wrong-password-123");
        await client.SignInAsync("nobody@cart.test", "wrong-password-123");

        var page = await client.GetAsync("/admin/sign-in");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // only the attempts are counted, not the form
    }

    /// <summary>The page says how long to wait only from a whole number of seconds within the sign-in window; anything
    /// else a link may carry (not a number, an exponent, past int, past the window) reads "a few minutes".</summary>
    [Theory]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    [InlineData("2147483647")]
    [InlineData("-5")]
    [InlineData("301")]
    public async Task SignInPage_WhenRetryAfterIsNotASecondCountOfTheWindow_SaysAFewMinutes(string retryAfter)
    {
        var factory = Own(new CartAppFactory(Database, settings: SignInBudget(3)));

        var page = await factory.ClientWithoutRedirects().GetAsync(
            $"/admin/sign-in?error=too-many&retryAfter={Uri.EscapeDataString(retryAfter)}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Try again in a few minutes.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", "1 second")]
    [InlineData("42", "42 seconds")]
    [InlineData("300", "5 minutes")]
    public async Task SignInPage_WhenRetryAfterIsWithinTheWindow_SaysHowLong(string retryAfter, string wait)
    {
        var factory = Own(new CartAppFactory(Database, settings: SignInBudget(3)));

        var html = await factory.ClientWithoutRedirects().GetStringAsync(
            $"/admin/sign-in?error=too-many&retryAfter={retryAfter}");

        Assert.Contains($"Try again in {wait}.", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> SignInBudget(int attempts) => new()
    {
        ["RateLimits:SignInPermitLimit"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:SignInWindow"] = "00:05:00",
    };
}
