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

        Assert.Contains("no background jobs", body.GetProperty("details").GetProperty("jobs")
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

/// <summary>A Prometheus text exposition, read line by line (<c>name{label="value",...} number</c>).</summary>
internal sealed partial class PrometheusScrape
{

    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var match = Line().Match(raw);
            if (raw.StartsWith('#') || !match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            _samples.Add((match.Groups["name"].Value, labels,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> GetAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new PrometheusScrape(text);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the exporter caches a scrape for a few hundred ms).</summary>
    public static async Task<PrometheusScrape> GetUntilAsync(HttpClient client, Func<PrometheusScrape, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var scrape = await GetAsync(client);
            if (done(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(100);
        }
    }

    public IEnumerable<(Dictionary<string, string> Labels, double Value)> Series(string name) =>
        _samples.Where(s => s.Name == name).Select(s => (s.Labels, s.Value));

    public double Sum(string name, params (string Key, string Value)[] labels) =>
        Series(name).Where(s => labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    [System.Text.RegularExpressions.GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial System.Text.RegularExpressions.Regex Line();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial System.Text.RegularExpressions.Regex Label();
}

/// <summary>The metric selectors of deploy/prometheus/alerts.yml: each metric the alerts read and its labels.</summary>
internal static partial class AlertRules
{

    public static string Path => SourceTree.PathOf("deploy/prometheus/alerts.yml");

    public static List<(string Metric, string[] Labels)> Selectors() =>
        Selector().Matches(File.ReadAllText(Path))
            .Select(m => (Metric: m.Groups["metric"].Value,
                Labels: LabelName().Matches(m.Groups["labels"].Value).Select(l => l.Groups["name"].Value).ToArray()))
            .GroupBy(s => s.Metric)
            .Select(g => (g.Key, g.SelectMany(s => s.Labels).Distinct().ToArray()))
            .ToList();

    [System.Text.RegularExpressions.GeneratedRegex("""(?<metric>[a-z_]+_(?:total|bucket|count|sum))\{(?<labels>[^}]*)\}""")]
    private static partial System.Text.RegularExpressions.Regex Selector();

    [System.Text.RegularExpressions.GeneratedRegex("""(?<name>[a-z_]+)\s*(?:=~|!=|!~|=)""")]
    private static partial System.Text.RegularExpressions.Regex LabelName();
}

/// <summary>Hosts of their own: outages of the database and of Redis, the Development environment, settings.</summary>
public sealed class OperationsHostTests
{
    /// <summary>Health:CacheDuration's default: how long a check's result answers probes.</summary>
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Ready_WhenRedisIsCut_ReportsDegradedWithRedisUnhealthyThenRecovers()
    {
        await using var redis = TcpProxy.For(ApiFixture.RedisAddress);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var factory = new CartAppFactory(database, redis: $"127.0.0.1:{redis.Port}");
        var client = factory.CreateClient();
        await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);

        await redis.CutAsync();
        var (cutStatus, cut) = await ReadyUntilAsync(factory, client,
            b => b.GetProperty("status").GetString() == "degraded");

        Assert.Equal(HttpStatusCode.OK, cutStatus);
        Assert.Equal("degraded", cut.GetProperty("status").GetString());
        Assert.Equal("unhealthy", cut.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("healthy", cut.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("healthy", cut.GetProperty("checks").GetProperty("jobs").GetString());

        redis.Restore();
        var (restoredStatus, restored) = await ReadyUntilAsync(factory, client,
            b => b.GetProperty("status").GetString() == "healthy", seconds: 20);
        Assert.Equal(HttpStatusCode.OK, restoredStatus);
        Assert.Equal("healthy", restored.GetProperty("checks").GetProperty("redis").GetString());
    }

    [Fact]
    public async Task Ready_WhenDatabaseIsUnreachable_ReturnsServiceUnavailableThenRecovers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var direct = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        var proxied = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port };
        await using var factory = new CartAppFactory(database, redis: ApiFixture.RedisAddress,
            settings: new Dictionary<string, string?> { ["Database:ConnectionString"] = proxied.ConnectionString });
        var client = factory.CreateClient();
        await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);

        await proxy.CutAsync();
        factory.Clock.Advance(CacheDuration);
        var response = await client.GetAsync("/health/ready");

        var body = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("redis").GetString());
        var detail = body.GetProperty("details").GetProperty("database").GetProperty("description").GetString();
        Assert.DoesNotContain(proxy.Port.ToString(CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        await (await client.GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);

        proxy.Restore();
        var (status, _) = await ReadyUntilAsync(factory, client,
            b => b.GetProperty("status").GetString() == "healthy");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData(null, "no answer within 2 s")]
    [InlineData("00:00:01", "no answer within 1 s")]
    public async Task Ready_WhenDatabaseAcceptsButNeverAnswers_GivesUpAfterTheCheckTimeout(string? checkTimeout,
        string description)
    {
        using var silent = new SilentServer();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var hanging = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = silent.Port,
            Timeout = 60,
        };
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = hanging.ConnectionString,
            ["Database:MigrateOnStart"] = "false",
        };
        if (checkTimeout is not null)
        {
            settings["Health:CheckTimeout"] = checkTimeout;
        }

        await using var factory = new CartAppFactory(database, settings: settings);
        var client = factory.CreateClient();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await client.GetAsync("/health/ready");

        var body = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal(description,
            body.GetProperty("details").GetProperty("database").GetProperty("description").GetString());
        // Npgsql alone would wait the 60 s of the connection string; the check's timeout ends it.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"/health/ready took {started.Elapsed}");
    }

    [Fact]
    public async Task Ready_WhenFloodedWithinTheCacheInterval_OpensOneDatabaseConnection()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database);
        var connections = new OpenedConnections();
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.ConfigureDbContext<SqliteCartDbContext>(o => o.AddInterceptors(connections))));
        var client = host.CreateCheckedClient(host.ClientOptions);
        connections.Reset(); // the migrations at start

        // The host's clock stands still, so all of them fall within one interval.
        await Parallel.ForEachAsync(Enumerable.Range(0, 1_000), new ParallelOptions { MaxDegreeOfParallelism = 50 },
            async (_, cancellationToken) =>
            {
                var response = await client.GetAsync("/health/ready", cancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            });

        Assert.Equal(1, connections.Count);
        factory.Clock.Advance(CacheDuration - TimeSpan.FromMilliseconds(1));
        await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, connections.Count);
        factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var next = await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", next.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal(2, connections.Count);
    }

    [Fact]
    public async Task Hsts_WhenEnvironmentIsDevelopment_IsNotSentEvenOverHttps()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, "Development");
        var client = factory.CreateClient();
        client.BaseAddress = new Uri("https://cart.example.test");

        var response = await client.GetAsync("/health/live");

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("nosniff", OperationsTests.Header(response, "X-Content-Type-Options"));
        var console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.NotEqual(ConsoleFormatterNames.Json, console.FormatterName);
    }

    [Fact]
    public async Task RequestLog_WhenCartIsCalled_LogsOperationStatusLatencyAndOutcomeButNoSecrets()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database);
        var sink = new LogSink();
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(sink)));
        const string email = "shopper.secret@example.test";
        const string guestToken = "not-a-guest-token-but-a-secret-0123456789";
        var token = TestAuth.Shopper(ApiFixture.NewUserId(), email);
        var shopper = host.CreateCheckedClient(host.ClientOptions);
        shopper.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        await shopper.GetCartAsync();
        var unknown = await shopper.PostJsonAsync(CartApi.Items, new { sku = "NO-SUCH-SKU", quantity = 1 });
        var problem = await unknown.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_sku");
        var merge = await shopper.PostJsonAsync(CartApi.Merge, new { guestToken });
        await merge.ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_guest_token");

        var lines = sink.Entries.Where(e => e.Category == "Cart.Requests").ToList();
        var failed = Assert.Single(lines, e => Equals(e.State.GetValueOrDefault("Operation"), "AddCartItem"));
        Assert.Equal(422, failed.State["StatusCode"]);
        Assert.Equal("unknown_sku", failed.State["Outcome"]);
        Assert.Equal("POST", failed.State["Method"]);
        Assert.True((double)failed.State["ElapsedMs"]! >= 0);
        Assert.Equal(problem.GetProperty("traceId").GetString(), failed.Scopes.GetValueOrDefault("TraceId")?.ToString());
        Assert.True(failed.Scopes.ContainsKey("SpanId"), "the request log line carries no span id");
        var read = Assert.Single(lines, e => Equals(e.State.GetValueOrDefault("Operation"), "GetCart"));
        Assert.Equal(200, read.State["StatusCode"]);
        Assert.Equal("success", read.State["Outcome"]);
        var merged = Assert.Single(lines, e => Equals(e.State.GetValueOrDefault("Operation"), "MergeGuestCart"));
        Assert.Equal("invalid_guest_token", merged.State["Outcome"]);
        foreach (var secret in new[] { token, email, guestToken, "Bearer" })
        {
            Assert.DoesNotContain(sink.Entries, e => e.Text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// Paths carry SKUs (and, later, tokens of reminder links): no log line may carry one, in its message or its
    /// scopes (which the JSON console prints). The trace id stays, to tie the lines of a request together.
    /// </summary>
    [Fact]
    public async Task Logs_WhenARequestIsServed_CarryItsTraceButNeverItsPath()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database);
        var sink = new LogSink();
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(sink)));
        const string marker = "PATH-MARKER-4711";

        var response = await host.CreateCheckedClient(host.ClientOptions).GetAsync($"/api/v1/products/{marker}?search={marker}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "product_not_found");
        var line = Assert.Single(sink.Entries, e => e.Category == "Cart.Requests");
        Assert.Equal(problem.GetProperty("traceId").GetString(), line.Scopes.GetValueOrDefault("TraceId")?.ToString());
        Assert.DoesNotContain(sink.Entries, e => e.Scopes.ContainsKey("RequestPath"));
        Assert.DoesNotContain(sink.Entries, e => e.Text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Probes_WhenTheCallerIsOverItsRateLimit_AreStillAnswered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, settings: TestRateLimits.Budget(1));
        var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/products")).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/products")).ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/health/live", "/health/ready", "/metrics" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("Health:CacheDuration", "00:01:01")]
    [InlineData("Health:CacheDuration", "-00:00:01")]
    [InlineData("Health:CheckTimeout", "00:00:00")]
    [InlineData("Health:CheckTimeout", "00:00:31")]
    public async Task Start_WhenAHealthSettingIsOutOfRange_FailsNamingIt(string setting, string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database,
            settings: new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(setting.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenOtlpEndpointIsNotAUrl_FailsNamingTheSetting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database,
            settings: new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "collector without scheme" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Telemetry:OtlpEndpoint", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenOtlpCollectorIsConfiguredButAbsent_StillServesRequests()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var collector = new SilentServer();
        await using var factory = new CartAppFactory(database, settings: new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{collector.Port}",
        });
        var shopper = factory.CreateClient();
        shopper.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestAuth.Shopper(ApiFixture.NewUserId()));

        var cart = await shopper.GetCartAsync();

        Assert.Equal(0, cart.GetProperty("totalItems").GetInt32());
        Assert.NotNull(factory.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
    }

    /// <summary>Polls /health/ready, each time past the cache interval of the host's clock, so its checks run anew.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyUntilAsync(CartAppFactory factory,
        HttpClient client, Func<JsonElement, bool> done, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            factory.Clock.Advance(CacheDuration);
            var response = await client.GetAsync("/health/ready");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (done(body) || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Counts the database connections EF Core opens.</summary>
    private sealed class OpenedConnections : DbConnectionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection,
            ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Every log entry of a host: its category, message, state, scopes and exception, as text and values.</summary>
    private sealed class LogSink : ILoggerProvider, ISupportExternalScope
    {
        private readonly List<Entry> _entries = [];
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<Entry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        internal sealed record Entry(string Category, Dictionary<string, object?> State,
            Dictionary<string, object?> Scopes, string Text);

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var values = Values(state);
                var scopes = new Dictionary<string, object?>(StringComparer.Ordinal);
                var text = new System.Text.StringBuilder(formatter(state, exception)).Append('\n').Append(exception);
                sink._scopes.ForEachScope((scope, _) =>
                {
                    text.Append('\n').Append(scope);
                    foreach (var (key, value) in Values(scope))
                    {
                        scopes[key] = value;
                    }
                }, (object?)null);
                foreach (var (key, value) in values)
                {
                    text.Append('\n').Append(key).Append('=').Append(value);
                }

                lock (sink._entries)
                {
                    sink._entries.Add(new Entry(category, values, scopes, text.ToString()));
                }
            }

            private static Dictionary<string, object?> Values(object? state) =>
                state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal)
                    : new Dictionary<string, object?>(StringComparer.Ordinal);
        }
    }

    /// <summary>Accepts TCP connections and never says a word: a server that hangs.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<System.Net.Sockets.Socket> _held = [];
        private readonly CancellationTokenSource _stop = new();

        public SilentServer()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(s => s.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    lock (_held)
                    {
                        _held.Add(socket);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                           or System.Net.Sockets.SocketException)
            {
                // Stopped.
            }
        }
    }
}
