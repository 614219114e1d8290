using Cart.Domain.Reporting;
using Cart.Tests.Fixtures;
using Cart.Web.Admin.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using static Cart.Domain.Reporting.MetricNames;
using static Cart.Tests.Admin.Dashboard.DashboardRollups;

namespace Cart.Tests.Admin.Dashboard;

/// <summary>The dashboard's figures from stored roll-ups: sums over the period, the period before, per currency,
/// the top SKUs, and what it says when there is nothing yet.</summary>
public sealed class DashboardServiceTests : OwnHostsTest
{
    [Fact]
    public async Task ReportAsync_ForTheLast7Days_SumsItsDaysAndComparesWithTheWeekBefore()
    {
        var host = Own(Host(Database, Day.AddHours(10)));
        await host.SeedAsync(PeriodKind.Day, Day, new Dictionary<string, decimal>
        {
            [ActiveCarts] = 20,
            [CartsWithItems] = 10,
            [Checkouts] = 4,
            [AverageLinesPerCart] = 2,
            [$"{AverageCartValue}[SGD]"] = 10,
            [$"{RecoveredRevenue}[SGD]"] = 5,
            [$"{AbandonedUnits}[SG-X]"] = 3,
        }, asOf: Day.AddHours(10), isFinal: false);
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-1), new Dictionary<string, decimal>
        {
            [ActiveCarts] = 40,
            [CartsWithItems] = 30,
            [Checkouts] = 6,
            [AverageLinesPerCart] = 4,
            [$"{AverageCartValue}[SGD]"] = 20,
            [$"{AverageCartValue}[THB]"] = 100,
            [$"{RecoveredRevenue}[SGD]"] = 7,
            [$"{RecoveredRevenue}[THB]"] = 50,
            [$"{AbandonedUnits}[SG-X]"] = 2,
            [$"{AbandonedUnits}[SG-Y]"] = 9,
        });
        // The week before: the comparison.
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-7), new Dictionary<string, decimal>
        {
            [ActiveCarts] = 10,
            [CartsWithItems] = 5,
            [Checkouts] = 5,
            [AverageLinesPerCart] = 1,
        });
        // Older than both, and an hour of today: neither is read for the 7 days.
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-14), new Dictionary<string, decimal> { [Checkouts] = 1000 });
        await host.SeedAsync(PeriodKind.Hour, Day.AddHours(9), new Dictionary<string, decimal> { [Checkouts] = 1000 });

        var report = await ReportAsync(host, DashboardPeriod.Last7Days);

        var now = report.Current;
        Assert.Equal((60m, 40m, 10m), (now.Count(ActiveCarts), now.Count(CartsWithItems), now.Count(Checkouts)));
        Assert.Equal(0.75m, now.AbandonmentRate);
        Assert.Equal(10m / 60m, now.CheckoutConversion);
        Assert.Equal(3.5m, now.AverageLines); // (2 × 10 + 4 × 30) / 40
        Assert.Equal(new Dictionary<string, decimal> { ["SGD"] = 17.5m, ["THB"] = 100m }, now.AverageCartValue);
        Assert.Equal(new Dictionary<string, decimal> { ["SGD"] = 12m, ["THB"] = 50m }, now.RecoveredRevenue);
        Assert.Equal([new SkuUnits("SG-Y", 9), new SkuUnits("SG-X", 5)], report.TopAbandoned);
        var before = report.Previous;
        Assert.Equal((10m, 5m, 5m), (before.Count(ActiveCarts), before.Count(CartsWithItems), before.Count(Checkouts)));
        Assert.Equal(0m, before.AbandonmentRate);
        Assert.Empty(before.AverageCartValue);
        Assert.Equal([Day.AddDays(-1), Day], report.Periods.Select(p => p.Start));
        Assert.True(report.IsOpen);
        Assert.Equal(Day.AddHours(10), report.AsOf);
    }

    [Fact]
    public async Task ReportAsync_ForTheLast24Hours_ReadsTheHoursOnly()
    {
        var host = Own(Host(Database, Day.AddHours(10).AddMinutes(30)));
        await host.SeedAsync(PeriodKind.Hour, Day.AddHours(9), new Dictionary<string, decimal> { [Checkouts] = 3 });
        await host.SeedAsync(PeriodKind.Hour, Day.AddHours(-13), new Dictionary<string, decimal> { [Checkouts] = 2 });
        await host.SeedAsync(PeriodKind.Hour, Day.AddHours(-14), new Dictionary<string, decimal> { [Checkouts] = 7 });
        await host.SeedAsync(PeriodKind.Day, Day, new Dictionary<string, decimal> { [Checkouts] = 1000 });

        var report = await ReportAsync(host, DashboardPeriod.Last24Hours);

        Assert.Equal((Day.AddHours(-13), Day.AddHours(11)), (report.Period.From, report.Period.To));
        Assert.Equal(5m, report.Current.Count(Checkouts));
        Assert.Equal(7m, report.Previous.Count(Checkouts));
        Assert.False(report.IsOpen);
    }

    [Fact]
    public async Task ReportAsync_WithAHeldUnitsSnapshot_ShowsTheUnitsHeldNowAndTheTopHeldSkus()
    {
        var host = Own(Host(Database, Day.AddHours(10)));
        await host.SeedAsync(PeriodKind.Snapshot, DateTimeOffset.UnixEpoch, new Dictionary<string, decimal>
        {
            [$"{UnitsHeld}[SG-A]"] = 5,
            [$"{UnitsHeld}[SG-B]"] = 7,
        }, asOf: Day.AddHours(10), isFinal: false);

        var report = await ReportAsync(host, DashboardPeriod.Last30Days);

        Assert.True(report.HasData);
        Assert.False(report.Current.HasData);
        Assert.Equal(12m, report.UnitsHeldNow);
        Assert.Equal([new SkuUnits("SG-B", 7), new SkuUnits("SG-A", 5)], report.TopHeld);
    }

    [Fact]
    public async Task ReportAsync_WhenNothingWasRolledUp_HasNoData()
    {
        var host = Own(Host(Database, Day.AddHours(10)));

        var report = await ReportAsync(host, DashboardPeriod.Last7Days);

        Assert.False(report.HasData);
        Assert.Null(report.Current.AbandonmentRate);
        Assert.Null(report.AsOf);
    }

    [Theory]
    [InlineData("week", null, null)]
    [InlineData("custom", "2031-03-10", null)]
    [InlineData("custom", "2031-03-10", "2031-03-09")]
    [InlineData("custom", "2031-03-10", "10/03/2031")]
    [InlineData("custom", "2030-01-01", "2031-03-09")]
    public void Parse_WhenThePeriodIsNotOneItKnows_SaysWhy(string name, string? from, string? to)
    {
        var (period, problem) = DashboardPeriod.Parse(name, from, to, Day);

        Assert.Null(period);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Parse_WithACustomRange_ReadsItsDaysBothIncluded()
    {
        var (period, _) = DashboardPeriod.Parse("custom", "2031-03-01", "2031-03-10", Day);

        Assert.Equal((PeriodKind.Day, Day.AddDays(-9), Day.AddDays(1)), (period!.Kind, period.From, period.To));
        Assert.Equal((Day.AddDays(-19), Day.AddDays(-9)), (period.Previous.From, period.Previous.To));
    }

    private static async Task<DashboardReport> ReportAsync(CartAppFactory host, string preset)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<DashboardService>();
        return await dashboard.ReportAsync(dashboard.Preset(preset), CancellationToken.None);
    }
}
