using Cart.Domain.Reporting;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Reminders;
using Cart.Tests.Fixtures;
using Cart.Tests.Reporting;
using Cart.Web.Admin.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Cart.Domain.Reporting.MetricNames;

namespace Cart.Tests.Admin.Dashboard;

/// <summary>The demo month of shopping a Development start seeds: rolled up day by day by the real roll-ups, once,
/// and never outside Development, where asking for it stops the start.</summary>
public sealed class DemoActivityTests : OwnHostsTest
{
    /// <summary>A fixed "now", so the seeded month (a seeded Random) is the same on every run.</summary>
    private static readonly DateTimeOffset Now = DashboardRollups.Day.AddHours(10).AddMinutes(20);

    [Fact]
    public async Task Start_InDevelopment_SeedsAMonthThatRollsUpIntoEveryDay()
    {
        var host = await StartedAsync("Development");

        var days = await DaysAsync(host);

        Assert.Equal(30, days.Count);
        Assert.All(days, day =>
        {
            var at = $"{day.Start:yyyy-MM-dd}";
            Assert.True(day.Value(Checkouts) > 0, $"no checkouts on {at}");
            Assert.True(day.Value(AbandonmentRate) > 0, $"no abandonment on {at}");
            Assert.True(day.Value(RemindersSent) > 0, $"no reminders on {at}");
            Assert.True(day.Value(RecoveredCarts) > 0, $"no recovered carts on {at}");
            Assert.NotEmpty(day.ByDimension(RecoveredRevenue));
            Assert.NotEmpty(day.ByDimension(AbandonedUnits));
        });
        var held = await host.PeriodAsync(PeriodKind.Snapshot, DateTimeOffset.UnixEpoch);
        Assert.True(held?.ByDimension(UnitsHeld).Values.Sum() > 0, "nothing held now");
        Assert.True(await host.WithDbAsync(db => db.Stock().AnyAsync(s => s.Reserved > 0)), "no stock reserved");
        // The reminders job takes it from here: it does not remind the demo's carts all over again.
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ReminderScheduler>()
            .ScheduleDueAsync(Now, CancellationToken.None));
    }

    [Fact]
    public async Task Start_WhenTheMonthIsAlreadySeeded_ChangesNothing()
    {
        var first = await StartedAsync("Development");
        var rows = await first.AllRowsAsync();
        var carts = await first.WithDbAsync(db => db.Carts().CountAsync());
        await first.DisposeAsync();

        var second = await StartedAsync("Development");

        Assert.Equal(carts, await second.WithDbAsync(db => db.Carts().CountAsync()));
        Assert.Equal(rows, await second.AllRowsAsync());
    }

    /// <summary>Outside Development the demo's settings stop the start (see DeploymentSettingsTests), and the start
    /// stops before anything is written.</summary>
    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task Start_OutsideDevelopment_RefusesTheSettingAndSeedsNothing(string environment)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartedAsync(environment));

        Assert.Contains("Demo:SeedActivity is on outside Development", error.ToString(), StringComparison.Ordinal);
        var reader = Own(new CartAppFactory(Database));
        Assert.Equal(0, await reader.WithDbAsync(db => db.Carts().CountAsync()));
        Assert.Equal(0, await reader.WithDbAsync(db => db.Products().CountAsync()));
        Assert.Empty(await reader.AllRowsAsync());
    }

    /// <summary>A host of <paramref name="environment"/> with the demo catalog and the demo activity asked for, once
    /// its background seeding has finished.</summary>
    private async Task<CartAppFactory> StartedAsync(string environment)
    {
        var host = Own(new CartAppFactory(Database, environment, settings: new Dictionary<string, string?>
        {
            ["Database:SeedDemoCatalog"] = "true",
            ["Demo:SeedActivity"] = "true",
            ["Demo:Carts"] = "1500",
            // The demo token route needs the development signing key, which the tests' own keys replace.
            ["Auth:DemoTokens:Enabled"] = "false",
            ["Admin:DevelopmentPassword"] = environment == "Development" ? "cart-console-dev" : "",
            [TestJobs.OnlyTriggered(Cart.Infrastructure.Reporting.MetricRollupJob.Id).Key] = TestJobs.OnlyWhenTriggered,
        }));
        host.Clock.SetUtcNow(Now);
        _ = host.Server;
        var setup = host.Services.GetServices<IHostedService>().OfType<DemoActivitySetup>().Single();
        await setup.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(2));
        return host;
    }

    private static async Task<IReadOnlyList<MetricPeriod>> DaysAsync(CartAppFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var today = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero);
        return await scope.ServiceProvider.GetRequiredService<IMetricRollups>()
            .PeriodsAsync(PeriodKind.Day, today.AddDays(-29), today.AddDays(1), CancellationToken.None);
    }
}
