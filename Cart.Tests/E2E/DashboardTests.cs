using Cart.Domain.Reporting;
using Cart.Tests.Admin.Dashboard;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.Playwright;
using static Cart.Domain.Reporting.MetricNames;

namespace Cart.Tests.E2E;

/// <summary>The dashboard in Chromium: a merchandiser opens it from the menu and reads figures and charts.</summary>
public sealed class DashboardTests(ConsoleBrowser chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task Dashboard_ForAMerchandiser_ShowsFiguresAndChartsWithoutComplaints()
    {
        // Days the roll-up job of this host never rewrites (it looks at today and yesterday only).
        var today = new DateTimeOffset(Host.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        for (var daysAgo = 2; daysAgo <= 6; daysAgo++)
        {
            await Host.SeedAsync(PeriodKind.Day, today.AddDays(-daysAgo), new Dictionary<string, decimal>
            {
                [ActiveCarts] = 300 + (daysAgo * 10),
                [CartsWithItems] = 120 + daysAgo,
                [Checkouts] = 40 - daysAgo,
                [AbandonmentRate] = 0.68m,
                [CheckoutConversion] = 0.12m,
                [AverageLinesPerCart] = 2.4m,
                [$"{AverageCartValue}[SGD]"] = 86.4m,
                [RemindersSent] = 25,
                [ReminderLinksOpened] = 9,
                [RecoveredCarts] = 3,
                [$"{RecoveredRevenue}[SGD]"] = 210m,
                [$"{AbandonedUnits}[SG-0012]"] = 14,
            });
        }

        await using var console = await SignedInAsync(StaffRoles.Merchandiser);
        var page = console.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-figure='{Checkouts}'] [data-current]")).ToHaveTextAsync("180");
        await Assertions.Expect(page.Locator("[data-chart] svg")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-top=abandoned]")).ToContainTextAsync("SG-0012");
        await ConsoleBrowser.ScreenshotAsync(page, "dashboard");
        await page.Locator("[data-period='30d']").ClickAsync();
        await Assertions.Expect(page.Locator("a[download]")).ToHaveAttributeAsync("href",
            "/admin/dashboard.csv?period=30d");
        Assert.Empty(console.Complaints);
    }
}
