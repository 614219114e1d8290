using System.Net;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reminders;
using Cart.Infrastructure.Reporting;
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

        Assert.Equal([CartCleanupJob.Id, HoldExpiryJob.Id, IdempotencyPurgeJob.Id, MetricRollupJob.Id, RemindersJob.Id],
            jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("17 * * * *", jobs[CartCleanupJob.Id].Cron);
        Assert.Equal("* * * * *", jobs[HoldExpiryJob.Id].Cron);
        Assert.Equal("*/5 * * * *", jobs[IdempotencyPurgeJob.Id].Cron);
        Assert.Equal("*/5 * * * *", jobs[RemindersJob.Id].Cron);
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
}
