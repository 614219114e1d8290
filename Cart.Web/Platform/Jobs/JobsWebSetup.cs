using Hangfire;

namespace Cart.Web.Platform.Jobs;

/// <summary>The job server's face on the web: its dashboard. (Its health is the <c>jobs</c> check of
/// <c>/health/ready</c>; the server and storage themselves are set up with the infrastructure.)</summary>
internal static class JobsWebSetup
{
    public const string DashboardPath = "/admin/jobs";

    public static WebApplication MapCartJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Cart jobs",
            Authorization = [new LoopbackOnlyDashboard()],
            DisplayStorageConnectionString = false,
        })
            .DisableRateLimiting()
            .DisableHttpMetrics();
        return app;
    }
}
