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

/// <summary>Readiness on hosts of their own: outages of the database and of Redis, a silent database, probe floods.</summary>
public sealed class HealthHostTests
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
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("jobs").GetString()); // its storage is the database
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
}
