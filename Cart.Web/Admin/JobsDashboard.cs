using Cart.Web.Admin.Staff;
using Hangfire;

namespace Cart.Web.Admin;

/// <summary>Hangfire's dashboard (recurring jobs, runs, failures, servers), for signed-in admins only.</summary>
internal static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "Cart jobs",
            // The endpoint's authorization below decides; Hangfire's own default would admit only local requests.
            Authorization = [],
            AppPath = "/admin",
            DisplayStorageConnectionString = false,
        })
            .RequireAuthorization(StaffRoles.AdminPolicy)
            .DisableRateLimiting()
            .DisableHttpMetrics();
        return app;
    }
}
