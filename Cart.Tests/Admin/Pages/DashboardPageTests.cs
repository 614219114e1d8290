using Bunit;
using Cart.Domain.Reporting;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Components.Pages.Dashboard;
using Cart.Web.Admin.Staff;
using MudBlazor;
using static Cart.Domain.Reporting.MetricNames;
using static Cart.Tests.Admin.Dashboard.DashboardRollups;

namespace Cart.Tests.Admin.Pages;

/// <summary>The dashboard page on a real host's roll-ups: cards, charts, the period picker, the empty state.</summary>
public sealed class DashboardPageTests : OwnHostsTest
{
    [Fact]
    public async Task Render_WithRollups_ShowsEachCardWithThePreviousPeriodAndTheCharts()
    {
        var host = Own(Host(Database, Day.AddHours(10)));
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-1), new Dictionary<string, decimal>
        {
            [ActiveCarts] = 1200,
            [CartsWithItems] = 40,
            [Checkouts] = 10,
            [$"{AverageCartValue}[SGD]"] = 17.5m,
            [$"{AverageCartValue}[VND]"] = 250_000m,
            [$"{RecoveredRevenue}[SGD]"] = 12m,
            [$"{AbandonedUnits}[SG-0042]"] = 9,
        });
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-8), new Dictionary<string, decimal>
        {
            [ActiveCarts] = 600,
            [CartsWithItems] = 20,
            [Checkouts] = 10,
        });
        await host.SeedAsync(PeriodKind.Snapshot, DateTimeOffset.UnixEpoch,
            new Dictionary<string, decimal> { [$"{UnitsHeld}[SG-0007]"] = 4 }, asOf: Day.AddHours(10), isFinal: false);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        console.Render<MudPopoverProvider>();

        var page = console.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-figure]")));
        Assert.Equal("1,200 / 600 / +100.0 %", Card(page, ActiveCarts));
        Assert.Equal("75.0 % / 50.0 % / +25.0 pt", Card(page, AbandonmentRate));
        Assert.Equal("SGD 17.50 / – /  | VND 250,000 / – / ", Card(page, AverageCartValue));
        Assert.Equal("SGD 12.00 / – / ", Card(page, RecoveredRevenue));
        Assert.Equal("4 / – / ", Card(page, UnitsHeld));
        Assert.Equal(3, page.FindAll("[data-chart] svg").Count);
        Assert.Contains("SG-0042", page.Find("[data-top=abandoned]").TextContent, StringComparison.Ordinal);
        Assert.Contains("SG-0007", page.Find("[data-top=held]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Computed 2031-03-10 10:00 UTC", page.Find(".dashboard-freshness").TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WhenNothingIsRolledUpYet_SaysSo()
    {
        var host = Own(Host(Database, Day.AddHours(10)));
        await using var console = new ConsolePageContext(host, StaffRoles.Admin);
        console.Render<MudPopoverProvider>();

        var page = console.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("No figures yet", page.Find(".dashboard-empty").TextContent,
            StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-figure]"));
    }

    [Fact]
    public async Task ChoosingThe24Hours_ShowsTheHourlyFigures()
    {
        var host = Own(Host(Database, Day.AddHours(10)));
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-1), new Dictionary<string, decimal> { [Checkouts] = 1000 });
        await host.SeedAsync(PeriodKind.Hour, Day.AddHours(9), new Dictionary<string, decimal> { [Checkouts] = 3 });
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        console.Render<MudPopoverProvider>();
        var page = console.Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.StartsWith("1,000 /", Card(page, Checkouts), StringComparison.Ordinal));

        page.Find("[data-period='24h']").Click();

        page.WaitForAssertion(() => Assert.StartsWith("3 /", Card(page, Checkouts), StringComparison.Ordinal));
        Assert.Equal("3 / – / ", Card(page, Checkouts)); // nothing rolled up the 24 hours before: unknown, not 0
        Assert.Contains("period=24h", page.Find("a[download]").GetAttribute("href"), StringComparison.Ordinal);
    }

    /// <summary>A card's rows as "current / previous / change".</summary>
    private static string Card(IRenderedComponent<DashboardPage> page, string figure) =>
        string.Join(" | ", page.Find($"[data-figure='{figure}']").QuerySelectorAll(".dashboard-card-row")
            .Select(row => string.Join(" / ", new[] { "[data-current]", "[data-previous]", "[data-delta]" }
                .Select(part => row.QuerySelector(part)?.TextContent ?? string.Empty))));
}
