using System.Globalization;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Admin.Dashboard;

/// <summary>The console's dashboard: its service (the roll-ups' figures) and the CSV export of them.</summary>
public static class DashboardSetup
{
    public const string CsvPath = "/admin/dashboard.csv";

    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        services.AddScoped<DashboardService>();

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet(CsvPath, ExportAsync)
            .RequireAuthorization(StaffRoles.MerchandisingPolicy)
            .WithName("DashboardCsv")
            .ExcludeFromDescription()
            .DisableRateLimiting();
        return app;
    }

    /// <summary>The link to the CSV of <paramref name="period"/>.</summary>
    public static string CsvLink(DashboardPeriod period) => period.Name == DashboardPeriod.Custom
        ? string.Create(CultureInfo.InvariantCulture,
            $"{CsvPath}?period={period.Name}&from={period.From:yyyy-MM-dd}&to={period.To.AddDays(-1):yyyy-MM-dd}")
        : $"{CsvPath}?period={period.Name}";

    private static async Task<IResult> ExportAsync(DashboardService dashboard, ConsoleRunner runner,
        HttpContext context, string? period, string? from, string? to)
    {
        var (parsed, problem) = dashboard.Parse(period, from, to);
        if (parsed is null)
        {
            throw RequestValidationException.For("period", problem!);
        }

        // A refusal (the account changed since the cookie was checked) throws UnauthorizedAccessException: 403.
        var figures = (await runner.RunInRequestAsync(new ReadDashboardFigures(parsed), context)).ValueOrThrow();
        var csv = await DashboardCsv.WriteAsync(figures);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"dashboard-{parsed.From:yyyyMMdd'T'HHmm}-{parsed.To:yyyyMMdd'T'HHmm}.csv");
        return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }
}
