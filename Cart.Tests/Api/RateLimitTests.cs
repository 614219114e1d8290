using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Resilience;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cart.Tests.Api;

/// <summary>
/// API.md: rate limits per caller; over the limit → 429 <c>rate_limited</c> with Retry-After in seconds. Every test
/// builds its own hosts with a budget of <see cref="Limit"/> a minute, so a burst crosses it at once and no window
/// ends in the middle of a test.
/// </summary>
public sealed class RateLimitTests : OwnHostsTest
{
    private const int Limit = 5;
    private const string Products = "/api/v1/products";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetCart_WhenABurstPassesTheLimit_Returns429WithRetryAfter(bool withRedis)
    {
        var host = withRedis ? Host(ApiFixture.RedisAddress, NewKeyPrefix()) : Host();
        var shopper = Shopper(host, ApiFixture.NewUserId());

        await ExpectServedAsync(shopper, Limit);

        await ExpectRateLimitedAsync(await shopper.GetAsync(CartApi.Cart));
    }

    [Fact]
    public async Task GetCart_WhenCallersDiffer_CountsEachAgainstItsOwnBudget()
    {
        var host = Host(ApiFixture.RedisAddress, NewKeyPrefix());
        var first = Shopper(host, ApiFixture.NewUserId());
        await ExpectServedAsync(first, Limit);
        await ExpectRateLimitedAsync(await first.GetAsync(CartApi.Cart));

        var second = Shopper(host, ApiFixture.NewUserId());
        await ExpectServedAsync(second, Limit);

        var session = await (await Anonymous(host).PostAsync(CartApi.GuestSessions, null))
            .ExpectAsync(HttpStatusCode.Created);
        var guest = WithToken(host, session.GetProperty("token").GetString()!);
        await ExpectServedAsync(guest, Limit);
        await ExpectRateLimitedAsync(await guest.GetAsync(CartApi.Cart));
        await ExpectRateLimitedAsync(await first.GetAsync(CartApi.Cart));
    }

    [Fact]
    public async Task ListProducts_WhenAnonymousBurstPassesTheLimit_IsLimitedByClientAddress()
    {
        var clients = HostWithClientAddresses(ApiFixture.RedisAddress, NewKeyPrefix());
        var crawler = AnonymousFrom(clients, "203.0.113.7");

        for (var i = 0; i < Limit; i++)
        {
            await (await crawler.GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);
        }

        await ExpectRateLimitedAsync(await crawler.GetAsync(Products));
        // Operators' and tools' routes are not limited.
        await (await crawler.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var neighbour = AnonymousFrom(clients, "203.0.113.8");
        await (await neighbour.GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);

        var shopper = AnonymousFrom(clients, "203.0.113.7");
        shopper.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", TestAuth.Shopper(ApiFixture.NewUserId()));
        await (await shopper.GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartGuestSession_WhenOneAddressStartsTooMany_IsLimitedOnItsOwnBudget()
    {
        // Each guest session buys a guest budget; starting sessions has a budget of its own per address.
        var clients = HostWithClientAddresses(ApiFixture.RedisAddress, NewKeyPrefix());
        var farmer = AnonymousFrom(clients, "203.0.113.9");

        for (var i = 0; i < Limit; i++)
        {
            await (await farmer.PostAsync(CartApi.GuestSessions, null)).ExpectAsync(HttpStatusCode.Created);
        }

        await ExpectRateLimitedAsync(await farmer.PostAsync(CartApi.GuestSessions, null));
        await (await farmer.GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);
        await (await AnonymousFrom(clients, "203.0.113.10").PostAsync(CartApi.GuestSessions, null))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("shopper")]
    [InlineData("guest")]
    [InlineData("invalid")]
    public async Task StartGuestSession_WhenEachRequestCarriesANewToken_CountsThemAllAgainstTheAddress(string token)
    {
        // A token names a caller elsewhere; here each new session would otherwise bring a fresh budget with it.
        var clients = HostWithClientAddresses(ApiFixture.RedisAddress, NewKeyPrefix(), OnlyGuestSessionsTight);

        var started = await StartGuestSessionsAsync(() =>
        {
            var farmer = AnonymousFrom(clients, "203.0.113.11");
            farmer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token switch
            {
                "shopper" => TestAuth.Shopper(ApiFixture.NewUserId()),
                "guest" => TestAuth.Guest(ApiFixture.NewGuestId()),
                _ => TestAuth.AlgNone(ApiFixture.NewUserId()),
            });
            return farmer;
        }, CartApi.GuestSessions);

        Assert.Equal(Limit, started);
    }

    [Theory]
    [InlineData("/api/v1/guest-sessions/")]
    [InlineData("/API/V1/Guest-Sessions")]
    [InlineData("/Api/v1/GUEST-SESSIONS/")]
    public async Task StartGuestSession_WhenThePathIsSpelledAnotherWay_CountsAgainstTheSameBudget(string path)
    {
        var clients = HostWithClientAddresses(ApiFixture.RedisAddress, NewKeyPrefix(), OnlyGuestSessionsTight);
        var farmer = AnonymousFrom(clients, "203.0.113.12");
        await (await farmer.PostAsync(CartApi.GuestSessions, null)).ExpectAsync(HttpStatusCode.Created);

        var started = await StartGuestSessionsAsync(() => farmer, path);

        Assert.Equal(Limit - 1, started);
        await ExpectRateLimitedAsync(await farmer.PostAsync(CartApi.GuestSessions, null));
    }

    [Fact]
    public async Task GetCart_WhenTwoInstancesShareRedis_HoldsTheLimitAcrossThem()
    {
        var prefix = NewKeyPrefix();
        var first = Host(ApiFixture.RedisAddress, prefix);
        var second = Host(ApiFixture.RedisAddress, prefix);
        var userId = ApiFixture.NewUserId();
        HttpClient[] instances = [Shopper(first, userId), Shopper(second, userId)];

        for (var i = 0; i < Limit; i++)
        {
            await (await instances[i % 2].GetAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK);
        }

        await ExpectRateLimitedAsync(await instances[Limit % 2].GetAsync(CartApi.Cart));
        await ExpectRateLimitedAsync(await instances[(Limit + 1) % 2].GetAsync(CartApi.Cart));
    }

    [Fact]
    public async Task GetCart_WhenRedisIsNotConfigured_EachInstanceLimitsOnItsOwn()
    {
        var first = Host();
        var second = Host();
        var userId = ApiFixture.NewUserId();
        var onFirst = Shopper(first, userId);

        await ExpectServedAsync(onFirst, Limit);
        await ExpectRateLimitedAsync(await onFirst.GetAsync(CartApi.Cart));

        var onSecond = Shopper(second, userId);
        await ExpectServedAsync(onSecond, Limit);
        await ExpectRateLimitedAsync(await onSecond.GetAsync(CartApi.Cart));
    }

    [Fact]
    public async Task GetCart_WhenRedisIsDown_IsServedAndLimitedInProcessUntilRedisIsBack()
    {
        var prefix = NewKeyPrefix();
        var proxy = TcpProxy.For(ApiFixture.RedisAddress);
        Own(proxy);
        var cutOff = Host($"127.0.0.1:{proxy.Port}", prefix);
        // The same Redis and prefix, never cut off: it sees only what was counted in Redis.
        var witness = Host(ApiFixture.RedisAddress, prefix);

        var before = ApiFixture.NewUserId();
        await ExpectServedAsync(Shopper(cutOff, before), Limit);
        await ExpectRateLimitedAsync(await Shopper(witness, before).GetAsync(CartApi.Cart));

        await proxy.CutAsync();
        var during = ApiFixture.NewUserId();
        var duringClient = Shopper(cutOff, during);
        await ExpectServedAsync(duringClient, Limit);
        await ExpectRateLimitedAsync(await duringClient.GetAsync(CartApi.Cart));
        // Those requests were counted in process only.
        await ExpectServedAsync(Shopper(witness, during), 1);

        proxy.Restore();
        HttpResponseMessage? seenByWitness = null;
        for (var attempt = 0; attempt < 60 && seenByWitness?.StatusCode != HttpStatusCode.TooManyRequests; attempt++)
        {
            // After a failed call the limiter leaves Redis alone for a moment, measured on the host's clock.
            cutOff.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            var after = ApiFixture.NewUserId();
            await ExpectServedAsync(Shopper(cutOff, after), Limit);
            seenByWitness = await Shopper(witness, after).GetAsync(CartApi.Cart);
        }

        Assert.NotNull(seenByWitness);
        await ExpectRateLimitedAsync(seenByWitness);
    }

    [Fact]
    public async Task GetCart_WhenRedisAnswersWithErrors_CountsInProcessForAPauseThenInRedisAgain()
    {
        var prefix = NewKeyPrefix();
        var host = Host(ApiFixture.RedisAddress, prefix);
        var witness = Host(ApiFixture.RedisAddress, prefix);
        // A key of the wrong type makes Redis fail this caller's script (WRONGTYPE) while the connection stays up.
        // The key is named as RedisRateLimiting names a fixed window's expiry key.
        var broken = ApiFixture.NewUserId();
        await RedisFaults.BreakKeyAsync($"rl:fw:{{{prefix}user:{broken}}}:exp");

        var brokenClient = Shopper(host, broken);
        await ExpectServedAsync(brokenClient, Limit);
        await ExpectRateLimitedAsync(await brokenClient.GetAsync(CartApi.Cart));

        // The failure pauses Redis for every caller of this instance, not only the one whose call failed.
        var duringPause = ApiFixture.NewUserId();
        var duringPauseClient = Shopper(host, duringPause);
        await ExpectServedAsync(duringPauseClient, Limit);
        await ExpectRateLimitedAsync(await duringPauseClient.GetAsync(CartApi.Cart));
        await ExpectServedAsync(Shopper(witness, duringPause), 1);

        host.Clock.Advance(new ResilienceOptions().Redis.BreakDuration);
        var afterPause = ApiFixture.NewUserId();
        await ExpectServedAsync(Shopper(host, afterPause), Limit);
        await ExpectRateLimitedAsync(await Shopper(witness, afterPause).GetAsync(CartApi.Cart));
    }

    [Fact]
    public async Task GetCart_WhenTheCartCacheMeetsARedisFailure_LimitsCountInProcessUntilTheBreakIsOver()
    {
        var prefix = NewKeyPrefix();
        var host = Host(ApiFixture.RedisAddress, prefix);
        var witness = Host(ApiFixture.RedisAddress, prefix);
        // A key of the wrong type where one shopper's cart is cached makes the cart cache's calls fail (WRONGTYPE)
        // while the connection stays up and the limiter's own calls succeed.
        var broken = ApiFixture.NewUserId();
        await RedisFaults.BreakKeyAsync($"{prefix}cart:user:{broken}");

        await ExpectServedAsync(Shopper(host, broken), 2);

        // The cache and the limiter share one breaker: the limiter leaves Redis alone too, for every caller.
        var during = ApiFixture.NewUserId();
        var duringClient = Shopper(host, during);
        await ExpectServedAsync(duringClient, Limit);
        await ExpectRateLimitedAsync(await duringClient.GetAsync(CartApi.Cart));
        await ExpectServedAsync(Shopper(witness, during), 1);

        host.Clock.Advance(new ResilienceOptions().Redis.BreakDuration);
        var after = ApiFixture.NewUserId();
        await ExpectServedAsync(Shopper(host, after), Limit);
        await ExpectRateLimitedAsync(await Shopper(witness, after).GetAsync(CartApi.Cart));
    }

    [Fact]
    public async Task GetCart_WhenRateLimitsAreDisabled_ServesEveryRequest()
    {
        var host = Host(ApiFixture.RedisAddress, NewKeyPrefix(),
            new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
        var shopper = Shopper(host, ApiFixture.NewUserId());

        for (var i = 0; i < Limit * 3; i++)
        {
            var response = await shopper.GetAsync(CartApi.Cart);
            var cart = await response.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(cart.TryGetProperty("code", out _));
        }
    }

    /// <summary>A started host with a budget of <see cref="Limit"/> per minute for every kind of caller.</summary>
    private CartAppFactory Host(string? redis = null, string? redisKeyPrefix = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = TestRateLimits.Budget(Limit);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = new CartAppFactory(Database, redis: redis, redisKeyPrefix: redisKeyPrefix, settings: all);
        Own(host);
        _ = host.Server;
        return host;
    }

    /// <summary>Like <see cref="Host"/>, but each request comes from the address its client names.</summary>
    private WebApplicationFactory<Program> HostWithClientAddresses(string redis, string redisKeyPrefix,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = TestRateLimits.Budget(Limit);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new CartAppFactory(Database, redis: redis, redisKeyPrefix: redisKeyPrefix, settings: all);
        Own(factory); // disposing it disposes the host derived from it
        return factory.WithClientAddresses();
    }

    private static string NewKeyPrefix() => $"test-{Guid.NewGuid():N}:";

    private static HttpClient Anonymous(WebApplicationFactory<Program> host) =>
        host.CreateCheckedClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static HttpClient WithToken(WebApplicationFactory<Program> host, string token)
    {
        var client = Anonymous(host);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpClient Shopper(WebApplicationFactory<Program> host, string userId) =>
        WithToken(host, TestAuth.Shopper(userId));

    private static HttpClient AnonymousFrom(WebApplicationFactory<Program> host, string address) =>
        host.ClientFrom(address);

    /// <summary>
    /// Every budget but the guest-session one far above what a test sends, so that only that budget can refuse.
    /// </summary>
    private static Dictionary<string, string?> OnlyGuestSessionsTight =>
        new(TestRateLimits.Budget(100)) { ["RateLimits:GuestSessionPermitLimit"] = Limit.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Sends 25 session starts, each from a new client; returns how many started (the rest must be 429).</summary>
    private static async Task<int> StartGuestSessionsAsync(Func<HttpClient> client, string path)
    {
        var started = 0;
        for (var i = 0; i < 25; i++)
        {
            var response = await client().PostAsync(path, null);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                started++;
            }
            else
            {
                await ExpectRateLimitedAsync(response);
            }
        }

        return started;
    }

    private static async Task ExpectServedAsync(HttpClient client, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            await (await client.GetAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK);
        }
    }

    private static async Task ExpectRateLimitedAsync(HttpResponseMessage response)
    {
        await response.ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    && seconds is >= 1 and <= 60,
            $"Retry-After should be whole seconds within the one-minute window, not '{retryAfter}'.");
    }
}
