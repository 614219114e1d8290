using Cart.Domain.Reporting;
using Cart.Infrastructure.Reporting;
using Cart.Tests.Fixtures;
using static Cart.Tests.Reporting.ReportingHost;

namespace Cart.Tests.Reporting;

/// <summary>The job <c>metric-rollups</c> as Hangfire holds and runs it: its schedule, and a run it starts.</summary>
public sealed class MetricRollupScheduleTests : OwnHostsTest
{
    [Fact]
    public async Task Start_WhenNothingIsConfigured_SchedulesTheRollupsEveryFiveMinutesUtc()
    {
        var host = Own(new CartAppFactory(Database));
        _ = host.Server;

        var jobs = await host.RecurringJobsAsync();

        Assert.Equal("*/5 * * * *", jobs[MetricRollupJob.Id].Cron);
        Assert.Equal("UTC", jobs[MetricRollupJob.Id].TimeZoneId);
    }

    [Fact]
    public async Task Start_WhenAScheduleIsConfigured_SchedulesTheRollupsWithIt()
    {
        var host = Own(new CartAppFactory(Database, settings: new Dictionary<string, string?>
        {
            [$"Jobs:Schedules:{MetricRollupJob.Id}"] = "*/2 * * * *",
        }));
        _ = host.Server;

        Assert.Equal("*/2 * * * *", (await host.RecurringJobsAsync())[MetricRollupJob.Id].Cron);
    }

    [Theory]
    [InlineData("Reporting:FinalAfter", "02:00:00", "FinalAfter")]
    [InlineData("Reporting:HeldSkus", "0", "HeldSkus")]
    [InlineData("Reporting:AbandonedSkus", "0", "AbandonedSkus")]
    [InlineData("Reporting:MetricsRefreshInterval", "00:00:00", "MetricsRefreshInterval")]
    public void Start_WhenAReportingSettingIsInvalid_FailsNamingIt(string key, string value, string named)
    {
        var host = Own(new CartAppFactory(Database, settings: new Dictionary<string, string?> { [key] = value }));

        var failure = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerAsync_WhenTheJobServerRunsIt_StoresTheRollups()
    {
        var host = Own(Create(Database, Day.AddHours(10)));
        var sku = await host.NewProductAsync("SGD", 1m);
        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 1);

        await host.TriggerAsync(MetricRollupJob.Id);

        Assert.True(await Eventually.TrueAsync(async () =>
                (await host.PeriodAsync(PeriodKind.Hour, Day.AddHours(10)))?.Value(MetricNames.CartsCreated) == 1),
            "the metric-rollups job did not run");
    }
}
