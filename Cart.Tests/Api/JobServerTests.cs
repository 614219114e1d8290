using System.Net;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Scheduling;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cart.Tests.Api;

/// <summary>The job server of a host: its recurring jobs and their schedules, its health, its dashboard.</summary>
public sealed class JobServerTests : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_WhenNothingIsConfigured_RegistersEachRecurringJobWithItsDefaultCron()
    {
        await using var host = new CartAppFactory(_database!);
        _ = host.Server;

        var jobs = await host.RecurringJobsAsync();

        Assert.Equal([CartCleanupJob.Id, HoldExpiryJob.Id, IdempotencyPurgeJob.Id], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("17 * * * *", jobs[CartCleanupJob.Id].Cron);
        Assert.Equal("* * * * *", jobs[HoldExpiryJob.Id].Cron);
        Assert.Equal("*/5 * * * *", jobs[IdempotencyPurgeJob.Id].Cron);
        Assert.All(jobs.Values, j => Assert.Equal("UTC", j.TimeZoneId));
    }

    [Fact]
    public async Task Start_WhenAScheduleIsConfigured_RegistersTheJobWithThatCron()
    {
        await using var host = new CartAppFactory(_database!, settings: new Dictionary<string, string?>
        {
            [$"Jobs:Schedules:{IdempotencyPurgeJob.Id}"] = "*/7 * * * *",
        });
        _ = host.Server;

        var jobs = await host.RecurringJobsAsync();

        Assert.Equal("*/7 * * * *", jobs[IdempotencyPurgeJob.Id].Cron);
        Assert.Equal("* * * * *", jobs[HoldExpiryJob.Id].Cron);
    }

    [Theory]
    [InlineData("Jobs:Schedules:hold-expiri", "* * * * *", "hold-expiri")]
    [InlineData("Jobs:Schedules:hold-expiry", "every minute", "every minute")]
    [InlineData("Jobs:WorkerCount", "0", "WorkerCount")]
    public async Task Start_WhenAJobSettingIsInvalid_FailsNamingIt(string key, string value, string named)
    {
        await using var host = new CartAppFactory(_database!, settings: new Dictionary<string, string?>
        {
            [key] = value,
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_WhenTheJobServerRuns_ReportsJobsHealthy()
    {
        await using var host = new CartAppFactory(_database!);

        var body = await (await host.CreateClient().GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("jobs").GetString());
        Assert.Contains("job server running with 1 workers", body.GetProperty("details").GetProperty("jobs")
            .GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsCheck_WhenTheJobServerHasStopped_ReportsDegraded()
    {
        await using var host = new CartAppFactory(_database!);
        _ = host.Server;
        var checks = host.Services.GetRequiredService<HealthCheckService>();

        // A server that stops leaves the storage.
        await host.Services.GetRequiredService<JobServerHost>().StopAsync(CancellationToken.None);
        HealthReportEntry jobs = default;
        var degraded = await Eventually.TrueAsync(async () =>
        {
            host.Clock.Advance(TimeSpan.FromSeconds(2)); // past the checks' shared result
            jobs = (await checks.CheckHealthAsync(r => r.Name == "jobs")).Entries["jobs"];
            return jobs.Status == HealthStatus.Degraded;
        });

        Assert.True(degraded, $"jobs stayed {jobs.Status}: {jobs.Description}");
        Assert.Contains("not running", jobs.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Dashboard_WhenCalledFromLoopback_ShowsThePage(string address)
    {
        await using var factory = new CartAppFactory(_database!);
        var host = factory.WithClientAddresses();

        var response = await host.ClientFrom(address).GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Cart jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.7", null)]
    [InlineData("10.0.0.5", null)]
    [InlineData("127.0.0.1", "203.0.113.7")] // a local proxy the configuration does not trust
    public async Task Dashboard_WhenCalledFromElsewhere_IsRefused(string address, string? forwardedFor)
    {
        await using var factory = new CartAppFactory(_database!);
        var host = factory.WithClientAddresses();
        var client = host.ClientFrom(address);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        var response = await client.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Cart jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
