using System.Globalization;
using System.Net;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cart.Tests.Api;

/// <summary>
/// Which address a per-address budget counts: X-Forwarded-For and X-Forwarded-Proto only from the proxies configured
/// under ForwardedHeaders, and IPv6 callers per /64. Each test has its own hosts with a budget of <see cref="Limit"/>.
/// </summary>
public sealed class ClientAddressTests : OwnHostsTest
{
    private const int Limit = 5;
    private const string Products = "/api/v1/products";
    private const string Proxy = "10.0.0.1";

    [Fact]
    public async Task ListProducts_WhenAnUntrustedCallerSendsXForwardedFor_IsLimitedByItsOwnAddress()
    {
        var host = Host(("ForwardedHeaders:KnownProxies:0", Proxy));
        var spoofer = host.ClientFrom("198.51.100.5");

        await ExpectEachServedAsync(spoofer, Limit, i => $"203.0.113.{i}");

        await ExpectRateLimitedAsync(await SendAsync(spoofer, Products, forwardedFor: "203.0.113.99"));
    }

    [Fact]
    public async Task ListProducts_WhenTheFrameworkSwitchForForwardedHeadersIsOn_StillTrustsOnlyConfiguredProxies()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, which this README once advised, makes ASP.NET Core trust anyone.
        var host = Host(("FORWARDEDHEADERS_ENABLED", "true"));
        var spoofer = host.ClientFrom("198.51.100.6");

        await ExpectEachServedAsync(spoofer, Limit, i => $"203.0.113.{i}");

        await ExpectRateLimitedAsync(await SendAsync(spoofer, Products, forwardedFor: "203.0.113.99"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", Proxy, Proxy)]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16", "10.1.2.3")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "fd00::1", "fd00::1")]
    public async Task ListProducts_WhenAConfiguredProxyForwards_LimitsEachForwardedClient(string setting, string value,
        string proxyAddress)
    {
        var host = Host((setting, value));
        var proxy = host.ClientFrom(proxyAddress);

        await ExpectEachServedAsync(proxy, Limit, _ => "203.0.113.20");

        await ExpectRateLimitedAsync(await SendAsync(proxy, Products, forwardedFor: "203.0.113.20"));
        await (await SendAsync(proxy, Products, forwardedFor: "203.0.113.21")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListProducts_WhenAProxyForwardsAChain_TrustsOnlyTheHopItAdded()
    {
        // The client may write anything in front of what the proxy appends; one hop is trusted by default.
        var host = Host(("ForwardedHeaders:KnownProxies:0", Proxy));
        var proxy = host.ClientFrom(Proxy);

        await ExpectEachServedAsync(proxy, Limit, i => $"192.0.2.{i}, 203.0.113.30");

        await ExpectRateLimitedAsync(await SendAsync(proxy, Products, forwardedFor: "192.0.2.99, 203.0.113.30"));
    }

    [Theory]
    [InlineData(Proxy, true)]
    [InlineData("198.51.100.7", false)]
    public async Task Hsts_WhenAProxyForwardsHttps_IsSentOnlyIfTheProxyIsTrusted(string from, bool sent)
    {
        var host = Host(("ForwardedHeaders:KnownProxies:0", Proxy));
        var client = host.ClientFrom(from);
        client.BaseAddress = new Uri("http://cart.example.test");

        var response = await SendAsync(client, "/health/live", forwardedFor: "203.0.113.40", forwardedProto: "https");

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(sent, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ListProducts_WhenIPv6CallersShareA64_CountsThemOnOneBudget()
    {
        var host = Host();
        HttpClient[] sameNetwork =
        [
            host.ClientFrom("2001:db8:1:2::1"),
            host.ClientFrom("2001:db8:1:2:ffff:ffff:ffff:fffe"),
            host.ClientFrom("2001:db8:1:2:a:b:c:d"),
        ];

        for (var i = 0; i < Limit; i++)
        {
            await (await sameNetwork[i % sameNetwork.Length].GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);
        }

        foreach (var client in sameNetwork)
        {
            await ExpectRateLimitedAsync(await client.GetAsync(Products));
        }

        await (await host.ClientFrom("2001:db8:1:3::1").GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartGuestSession_WhenIPv6CallersShareA64_CountsThemOnOneBudget()
    {
        var host = Host();

        for (var i = 0; i < Limit; i++)
        {
            var client = host.ClientFrom(string.Create(CultureInfo.InvariantCulture, $"2001:db8:7:7::{i + 1:x}"));
            await (await client.PostAsync(CartApi.GuestSessions, null)).ExpectAsync(HttpStatusCode.Created);
        }

        await ExpectRateLimitedAsync(await host.ClientFrom("2001:db8:7:7:8000::1").PostAsync(CartApi.GuestSessions, null));
        await (await host.ClientFrom("2001:db8:7:8::1").PostAsync(CartApi.GuestSessions, null))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ListProducts_WhenAnIPv4CallerArrivesAsIPv6Mapped_CountsItAsIPv4()
    {
        var host = Host();
        HttpClient[] oneCaller = [host.ClientFrom("203.0.113.50"), host.ClientFrom("::ffff:203.0.113.50")];

        for (var i = 0; i < Limit; i++)
        {
            await (await oneCaller[i % 2].GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);
        }

        await ExpectRateLimitedAsync(await oneCaller[1].GetAsync(Products));
        await (await host.ClientFrom("203.0.113.51").GetAsync(Products)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.1.0.0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/33")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.1.2.3/16")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0")]
    public void Start_WhenAForwardedHeadersSettingIsInvalid_FailsNamingIt(string setting, string value)
    {
        var factory = new CartAppFactory(Database,
            settings: new Dictionary<string, string?> { [setting] = value });
        Own(factory);

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(setting.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A started host whose clients name their address, with a budget of <see cref="Limit"/> a minute.</summary>
    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings)
    {
        var all = TestRateLimits.Budget(Limit);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var factory = new CartAppFactory(Database, settings: all);
        Own(factory); // disposing it disposes the host derived from it
        return factory.WithClientAddresses();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string forwardedFor,
        string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return client.SendAsync(request);
    }

    private static async Task ExpectEachServedAsync(HttpClient client, int requests, Func<int, string> forwardedFor)
    {
        for (var i = 0; i < requests; i++)
        {
            await (await SendAsync(client, Products, forwardedFor(i))).ExpectAsync(HttpStatusCode.OK);
        }
    }

    private static async Task ExpectRateLimitedAsync(HttpResponseMessage response) =>
        await response.ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
}
