using System.Net;
using Cart.Domain.Reporting;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Dashboard;
using Cart.Web.Admin.Formats;
using Cart.Web.Admin.Staff;
using static Cart.Domain.Reporting.MetricNames;
using static Cart.Tests.Admin.Dashboard.DashboardRollups;

namespace Cart.Tests.Admin.Dashboard;

/// <summary>The dashboard's CSV export: its rows, its quoting, and who may have it.</summary>
public sealed class DashboardCsvTests : OwnHostsTest
{
    [Fact]
    public async Task Export_ForAMerchandiser_WritesOneRowPerPeriodMetricAndDimension()
    {
        var host = Own(Host(Database, Day.AddHours(10)));
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-1), new Dictionary<string, decimal>
        {
            [Checkouts] = 6,
            [$"{AverageCartValue}[SGD]"] = 20.5m,
            [$"{AbandonedUnits}[=HYPERLINK(\"x\")]"] = 2,
        });
        await host.SeedAsync(PeriodKind.Day, Day.AddDays(-9), new Dictionary<string, decimal> { [Checkouts] = 99 });
        await host.SeedAsync(PeriodKind.Snapshot, DateTimeOffset.UnixEpoch,
            new Dictionary<string, decimal> { [$"{UnitsHeld}[SG-A]"] = 5 }, asOf: Day.AddHours(10), isFinal: false);
        var merchandiser = await host.SignedInStaffAsync(StaffRoles.Merchandiser);

        var response = await merchandiser.GetAsync($"{DashboardSetup.CsvPath}?period=7d");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(
            "period_kind,period_start,metric,dimension,value,as_of,is_final\r\n" +
            "day,2031-03-09T00:00:00Z,abandoned_units,\"'=HYPERLINK(\"\"x\"\")\",2,2031-03-10T00:00:00Z,true\r\n" +
            "day,2031-03-09T00:00:00Z,average_cart_value,SGD,20.5,2031-03-10T00:00:00Z,true\r\n" +
            "day,2031-03-09T00:00:00Z,checkouts,,6,2031-03-10T00:00:00Z,true\r\n" +
            "snapshot,1970-01-01T00:00:00Z,units_held,SG-A,5,2031-03-10T10:00:00Z,false\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    public void Quote_WhenAFieldHoldsASeparatorQuoteOrLineBreak_QuotesItAsRfc4180Says(string field, string written) =>
        Assert.Equal(written, CsvWriter.Quoted(field));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("SG-0001", "SG-0001")]
    public void Text_WhenAFieldStartsLikeAFormula_NeutralisesIt(string field, string written) =>
        Assert.Equal(written, CsvWriter.Neutralised(field));

    [Fact]
    public async Task Export_WhenNotSignedIn_SendsToTheSignInPage()
    {
        var host = Own(Host(Database, Day));

        var response = await host.ClientWithoutRedirects().GetAsync($"{DashboardSetup.CsvPath}?period=7d");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/sign-in?ReturnUrl=%2Fadmin%2Fdashboard.csv",
            response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ForSupport_IsDenied()
    {
        var host = Own(Host(Database, Day));
        await host.SeedAsync(PeriodKind.Day, Day, new Dictionary<string, decimal> { [Checkouts] = 6 });
        var support = await host.SignedInStaffAsync(StaffRoles.Support);

        var response = await support.GetAsync($"{DashboardSetup.CsvPath}?period=7d");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/denied", response.Headers.Location?.OriginalString,
            StringComparison.Ordinal);
        Assert.DoesNotContain("checkouts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("period=week")]
    [InlineData("period=custom&from=2031-03-10&to=2031-03-01")]
    public async Task Export_WhenThePeriodIsInvalid_AnswersAValidationProblem(string query)
    {
        var host = Own(Host(Database, Day));
        var merchandiser = await host.SignedInStaffAsync(StaffRoles.Merchandiser);

        var response = await merchandiser.GetAsync($"{DashboardSetup.CsvPath}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"validation_failed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
