using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Cart.Infrastructure.Catalog;
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

/// <summary>Hosts of their own: the Development environment, request logs, telemetry settings.</summary>
public sealed class HostingTests
{
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

    /// <summary>
    /// The product cache's serializer is set up as FusionCache checks at start (value tuples keep their fields), so it
    /// warns of no data loss; a product one instance cached comes back whole from Redis on another, even after the
    /// database changed under it.
    /// </summary>
    [Fact]
    public async Task ProductCache_WithRedis_LogsNoSerializerWarningAndRoundTripsThroughRedis()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var factory = new CartAppFactory(database, redis: ApiFixture.RedisAddress, redisKeyPrefix: prefix);
        var sink = new LogSink();
        await using var writer = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(sink)));
        var product = new Cart.Domain.Catalog.Product("SG-CACHED", "Kopi Mug \u00e9", "https://img.test/mug.jpg", 12.50m,
            "SGD", true, factory.Clock.GetUtcNow());
        await WithDbAsync(writer, db => db.Products().Add(product));
        var cached = await FindAsync(writer, product.Sku);
        await WithDbAsync(writer, db => db.Products().Where(p => p.Sku == product.Sku)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Price, 99m)));
        await using var reader = new CartAppFactory(database, redis: ApiFixture.RedisAddress, redisKeyPrefix: prefix);

        var fromRedis = await FindAsync(reader, product.Sku);

        Assert.Equal(new Cart.Domain.Catalog.ProductInfo("SG-CACHED", "Kopi Mug \u00e9", "https://img.test/mug.jpg", 12.50m,
            "SGD", true), cached);
        Assert.Equal(cached, fromRedis);
        Assert.DoesNotContain(sink.Entries, e => e.Text.Contains("value tuples", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(sink.Entries);
    }

    private static async Task<Cart.Domain.Catalog.ProductInfo?> FindAsync(WebApplicationFactory<Program> host, string sku)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<Cart.Domain.Catalog.IProductCatalog>()
            .FindAsync([sku], CancellationToken.None);
        return found.GetValueOrDefault(sku);
    }

    private static async Task WithDbAsync(WebApplicationFactory<Program> host, Func<CartDbContext, Task> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        await work(db);
        await db.SaveChangesAsync();
    }

    private static Task WithDbAsync(WebApplicationFactory<Program> host, Action<CartDbContext> work) =>
        WithDbAsync(host, db =>
        {
            work(db);
            return Task.CompletedTask;
        });

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
}
