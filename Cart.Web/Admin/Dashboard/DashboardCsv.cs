using System.Globalization;
using System.Text;
using Cart.Domain.Reporting;

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

    public static string Write(IEnumerable<MetricPeriod> periods)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var period in periods)
        {
            foreach (var figure in period.Figures)
            {
                string[] fields =
                [
                    period.Kind.ToString().ToLowerInvariant(),
                    Time(period.Start),
                    Text(figure.Metric),
                    Text(figure.Dimension),
                    // The stored scale is 4 decimals; trailing zeros vary by database and say nothing.
                    figure.Value.ToString("0.####", CultureInfo.InvariantCulture),
                    Time(period.AsOf),
                    period.IsFinal ? "true" : "false",
                ];
                csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>Neutralises a leading character a spreadsheet reads as the start of a formula.</summary>
    public static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
