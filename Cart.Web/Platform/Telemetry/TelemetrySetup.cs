namespace Cart.Web.Platform.Telemetry;

// Extension point for logs, traces and metrics (issue 3); filled in by its own change.
internal static class TelemetrySetup
{
    public static WebApplicationBuilder AddCartTelemetry(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapCartMetrics(this WebApplication app) => app;
}
