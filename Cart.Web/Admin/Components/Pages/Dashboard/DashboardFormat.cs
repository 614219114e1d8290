using System.Globalization;
using Cart.Web.Admin.Formats;

namespace Cart.Web.Admin.Components.Pages.Dashboard;

/// <summary>How the dashboard writes its numbers: counts with separators, rates as percentages (money:
/// <see cref="ConsoleFormat.Money"/>). Invariant culture: every member of staff reads the same.</summary>
public static class DashboardFormat
{
    public static string Count(decimal? value) =>
        value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    public static string Average(decimal? value) =>
        value is { } v ? v.ToString("#,0.00", CultureInfo.InvariantCulture) : "–";

    public static string Rate(decimal? value) =>
        value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";


    public static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/>, as a signed percentage
    /// (or percentage points for a rate); empty when either is missing or the previous is 0.</summary>
    public static string Delta(decimal? current, decimal? previous, bool isRate = false)
    {
        if (current is not { } now || previous is not { } before)
        {
            return string.Empty;
        }

        if (isRate)
        {
            return ((now - before) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pt";
        }

        return before == 0
            ? string.Empty
            : ((now - before) / before * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
    }
}
