using System.Globalization;
using Cart.Domain.Reporting;

namespace Cart.Web.Admin.Dashboard;

/// <summary>
/// The span the dashboard shows: [<see cref="From"/>, <see cref="To"/>), read from the hourly roll-ups (the last 24
/// hours) or the daily ones (7 or 30 days, or a custom range of UTC dates), and the equal span just before it that each
/// figure is compared with.
/// </summary>
public sealed record DashboardPeriod(string Name, PeriodKind Kind, DateTimeOffset From, DateTimeOffset To)
{
    public const string Last24Hours = "24h";
    public const string Last7Days = "7d";
    public const string Last30Days = "30d";
    public const string Custom = "custom";

    /// <summary>A custom range reads at most this many daily roll-ups.</summary>
    public const int MaxCustomDays = 366;

    public static readonly IReadOnlyList<string> Presets = [Last24Hours, Last7Days, Last30Days];

    /// <summary>The span of the same length that ends where this one starts.</summary>
    public DashboardPeriod Previous => this with { From = From - (To - From), To = From };

    public string Label => Name switch
    {
        Last24Hours => "Last 24 hours",
        Last7Days => "Last 7 days",
        Last30Days => "Last 30 days",
        _ => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} to {To.AddDays(-1):yyyy-MM-dd}"),
    };

    /// <summary>A preset ending with the hour or the UTC day that holds <paramref name="now"/> (still open).</summary>
    public static DashboardPeriod Preset(string name, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return name switch
        {
            Last24Hours => Hours(now),
            Last7Days => new DashboardPeriod(name, PeriodKind.Day, today.AddDays(-6), today.AddDays(1)),
            Last30Days => new DashboardPeriod(name, PeriodKind.Day, today.AddDays(-29), today.AddDays(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a preset period."),
        };
    }

    /// <summary>The UTC days <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static DashboardPeriod Days(DateOnly first, DateOnly last) => new(Custom, PeriodKind.Day,
        new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>
    /// The period a request names (<c>period</c>, and <c>from</c>/<c>to</c> as <c>yyyy-MM-dd</c> for a custom one),
    /// or why it names none: a preset by default, a custom range of 1 to <see cref="MaxCustomDays"/> days.
    /// </summary>
    public static (DashboardPeriod? Period, string? Problem) Parse(string? name, string? from, string? to,
        DateTimeOffset now)
    {
        name = string.IsNullOrEmpty(name) ? Last7Days : name;
        if (Presets.Contains(name))
        {
            return (Preset(name, now), null);
        }

        if (name != Custom)
        {
            return (null, $"'period' is one of {string.Join(", ", Presets)} or {Custom}.");
        }

        if (!TryDate(from, out var first) || !TryDate(to, out var last))
        {
            return (null, "A custom period needs 'from' and 'to' as yyyy-MM-dd dates (UTC).");
        }

        return last < first || last.DayNumber - first.DayNumber + 1 > MaxCustomDays
            ? (null, $"'to' is on or after 'from', and the range is at most {MaxCustomDays} days.")
            : (Days(first, last), null);
    }

    private static DashboardPeriod Hours(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var hourEnd = new DateTimeOffset(utc.Date.AddHours(utc.Hour + 1), TimeSpan.Zero);
        return new DashboardPeriod(Last24Hours, PeriodKind.Hour, hourEnd.AddHours(-24), hourEnd);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
