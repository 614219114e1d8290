using System.Globalization;
using Cart.Domain.Reporting;
using Cart.Web.Admin.Formats;

namespace Cart.Web.Admin.Dashboard;

/// <summary>
/// The dashboard's figures as CSV (RFC 4180: CRLF line ends, a field with a comma, quote or line break quoted, quotes
/// doubled): one row per period start, metric and dimension. A text field that a spreadsheet would run as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is prefixed with <c>'</c>:
/// SKUs come from the catalog, which merchandisers do not all write.
/// </summary>
public static class DashboardCsv
{
    public const string Header = "period_kind,period_start,metric,dimension,value,as_of,is_final";

    public static async Task<string> WriteAsync(IEnumerable<MetricPeriod> periods)
    {
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await text.WriteAsync(Header + "\r\n");
        var csv = new CsvWriter(text);
        foreach (var period in periods)
        {
            foreach (var figure in period.Figures)
            {
                csv.Value(period.Kind.ToString().ToLowerInvariant())
                    .Value(Time(period.Start))
                    .Text(figure.Metric)
                    .Text(figure.Dimension)
                    // The stored scale is 4 decimals; trailing zeros vary by database and say nothing.
                    .Value(figure.Value.ToString("0.####", CultureInfo.InvariantCulture))
                    .Value(Time(period.AsOf))
                    .Value(period.IsFinal ? "true" : "false");
                await csv.EndRowAsync();
            }
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
