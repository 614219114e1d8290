using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Architecture;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Cart.Tests.Api;

/// <summary>
/// API.md "Operations endpoints" on a running host: health probes, the Prometheus scrape (with the metrics the
/// alerts read), and the security headers of every kind of response.
/// </summary>
public abstract class OperationsTests(ApiFixture fixture)
{
    private const string Live = "/health/live";
    private const string Ready = "/health/ready";
    private const string Metrics = "/metrics";
    private const string Operations = "cart_operations_total";
    private const string DurationCount = "http_server_request_duration_seconds_count";

    [Fact]
    public async Task Live_WhenProcessIsUp_ReturnsHealthyWithoutChecks()
    {
        var response = await fixture.Anonymous().GetAsync(Live);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Ready_WhenDatabaseAndCacheAreUp_ReportsHealthyWithEachCheckNamed()
    {
        var response = await fixture.Anonymous().GetAsync(Ready);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal(["database", "jobs", "redis"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("healthy", c.Value.GetString()));
        var timestamp = body.GetProperty("timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        var redis = body.GetProperty("details").GetProperty("redis").GetProperty("description").GetString();
        if (fixture.UsesRedis)
        {
            Assert.DoesNotContain("not configured", redis ?? string.Empty, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("not configured", redis, StringComparison.Ordinal);
        }

        Assert.Contains("job server running", body.GetProperty("details").GetProperty("jobs")
            .GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WhenCartTrafficFlowed_ExportRequestDurationOperationsAndCacheLookups()
    {
        var (shopper, _) = fixture.NewShopper();
        var scraper = fixture.Anonymous();
        var before = await PrometheusScrape.GetAsync(scraper);

        await shopper.GetCartAsync();
        await shopper.AddAsync(TestCatalog.Shirt, 1);
        var unknown = await shopper.PostJsonAsync(CartApi.Items, new { sku = "NO-SUCH-SKU", quantity = 1 });
        await unknown.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_sku");

        // The request duration is recorded as the request ends, which can be just after the client has its answer.
        var after = await PrometheusScrape.GetUntilAsync(scraper, s =>
            s.Sum(Operations, ("operation", "AddCartItem"), ("outcome", "unknown_sku")) >
            before.Sum(Operations, ("operation", "AddCartItem"), ("outcome", "unknown_sku")) &&
            s.Sum(DurationCount, ("http_route", "/api/v1/cart/items"), ("http_response_status_code", "422")) >
            before.Sum(DurationCount, ("http_route", "/api/v1/cart/items"), ("http_response_status_code", "422")));

        double Delta(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(1, Delta("cart_operations_total", ("operation", "GetCart"), ("outcome", "success")));
        Assert.Equal(1, Delta("cart_operations_total", ("operation", "AddCartItem"), ("outcome", "success")));
        Assert.Equal(1, Delta("cart_operations_total", ("operation", "AddCartItem"), ("outcome", "unknown_sku")));
        Assert.Equal(1, Delta("http_server_request_duration_seconds_count", ("http_route", "/api/v1/cart/items"),
            ("http_request_method", "POST"), ("http_response_status_code", "422")));
        Assert.Equal(2, Delta("http_server_request_duration_seconds_bucket", ("http_route", "/api/v1/cart/items"),
            ("http_request_method", "POST"), ("le", "+Inf")));
        Assert.Contains(after.Series("http_server_request_duration_seconds_bucket"),
            s => s.Labels.GetValueOrDefault("http_route") == "/api/v1/cart/" && s.Labels.ContainsKey("le"));
        Assert.True(Delta("cart_cache_lookups_total", ("cache", "cart")) >= 1, "no cart cache lookup was counted");
        Assert.True(Delta("cart_cache_lookups_total", ("cache", "product")) >= 1, "no product cache lookup was counted");
        Assert.All(after.Series("cart_cache_lookups_total"),
            s => Assert.Contains(s.Labels["result"], new[] { "hit", "miss" }));
    }

    [Fact]
    public async Task Metrics_WhenScraped_ContainEveryMetricAndLabelTheAlertsSelectOn()
    {
        var (shopper, _) = fixture.NewShopper();
        await shopper.AddAsync(TestCatalog.Mug, 1);
        await shopper.GetCartAsync();
        var used = AlertRules.Selectors();

        var scrape = await PrometheusScrape.GetUntilAsync(fixture.Anonymous(),
            s => used.All(u => s.Series(u.Metric).Any()));

        Assert.NotEmpty(used);
        foreach (var (metric, labels) in used)
        {
            var series = scrape.Series(metric).ToList();
            Assert.True(series.Count > 0, $"alerts.yml reads {metric}, which /metrics does not export");
            foreach (var label in labels.Where(l => l != "job"))
            {
                Assert.True(series.Any(s => s.Labels.ContainsKey(label)),
                    $"alerts.yml selects {metric} on '{label}', a label /metrics does not give it");
            }
        }
    }

    [Fact]
    public async Task Metrics_WhenProbesAndScrapesAreAnswered_LeavesThemOutOfTheRequestDurations()
    {
        var client = fixture.Anonymous();
        var before = await PrometheusScrape.GetAsync(client);
        await (await client.GetAsync(Live)).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync(Ready)).ExpectAsync(HttpStatusCode.OK);
        await client.GetAsync(Metrics);
        await client.GetAsync("/api/v1/products/NOPE-404");

        // Once the API call that came after them is counted, the probes would have been too.
        var scrape = await PrometheusScrape.GetUntilAsync(client, s =>
            s.Sum(DurationCount, ("http_response_status_code", "404")) >
            before.Sum(DurationCount, ("http_response_status_code", "404")));

        Assert.True(scrape.Sum(DurationCount, ("http_response_status_code", "404")) >
                    before.Sum(DurationCount, ("http_response_status_code", "404")));
        Assert.DoesNotContain(scrape.Series(DurationCount),
            s => s.Labels.GetValueOrDefault("http_route") is "/health/live" or "/health/ready" or "/metrics");
    }

    [Fact]
    public void Logs_WhenNotDevelopment_AreJsonLinesCarryingTraceAndSpanIds()
    {
        var services = fixture.Factory.Services;

        var console = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        var tracking = services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(json.IncludeScopes);
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId));
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.SpanId));
    }

    [Fact]
    public async Task SecurityHeaders_WhenCartAnswersOk_AreSetWithNoStoreAndApiPolicy()
    {
        var (shopper, _) = fixture.NewShopper();

        var response = await shopper.GetAsync(CartApi.Cart);

        await response.ExpectAsync(HttpStatusCode.OK);
        AssertBaseHeaders(response);
        Assert.Equal(ApiPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("unknown sku", HttpStatusCode.UnprocessableEntity, "unknown_sku")]
    [InlineData("no token", HttpStatusCode.Unauthorized, "unauthenticated")]
    [InlineData("malformed json", HttpStatusCode.BadRequest, "validation_failed")]
    public async Task SecurityHeaders_WhenCartAnswersAProblem_AreSetWithNoStoreAndApiPolicy(string kind,
        HttpStatusCode status, string code)
    {
        var (shopper, _) = fixture.NewShopper();
        var response = kind switch
        {
            "unknown sku" => await shopper.PostJsonAsync(CartApi.Items, new { sku = "NO-SUCH-SKU", quantity = 1 }),
            "no token" => await fixture.Anonymous().GetAsync(CartApi.Cart),
            _ => await shopper.SendRawAsync(HttpMethod.Post, CartApi.Items, """{"sku":"""),
        };

        await response.ExpectProblemAsync(status, code);
        AssertBaseHeaders(response);
        Assert.Equal(ApiPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SecurityHeaders_WhenPublicApiAnswers_AreSetWithApiPolicy()
    {
        var response = await fixture.Anonymous().GetAsync("/api/v1/products/NOPE-404");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "product_not_found");
        AssertBaseHeaders(response);
        Assert.Equal(ApiPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task SecurityHeaders_WhenHealthIsProbed_AreSet()
    {
        var response = await fixture.Anonymous().GetAsync(Live);

        await response.ExpectAsync(HttpStatusCode.OK);
        AssertBaseHeaders(response);
    }

    [Fact]
    public async Task SecurityHeaders_WhenReferencePageIsServed_LeaveItsScriptsAllowed()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertBaseHeaders(response);
        Assert.False(response.Headers.Contains("Content-Security-Policy"),
            "a CSP on /reference would block the Scalar page's scripts");
    }

    [Fact]
    public async Task Hsts_WhenRequestIsPlainHttp_IsNotSent()
    {
        var response = await fixture.Anonymous().GetAsync(Live);

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_WhenRequestIsHttpsOutsideDevelopment_IsSent()
    {
        var client = fixture.Anonymous();
        client.BaseAddress = new Uri("https://cart.example.test");

        var response = await client.GetAsync(Live);

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
    }

    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    private static void AssertBaseHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteOperationsTests(SqliteApiFixture fixture) : OperationsTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresOperationsTests(PostgresApiFixture fixture) : OperationsTests(fixture);
