using OpenTelemetry.Metrics;

namespace Cart.Web.Reporting;

/// <summary>The Reporting module's web side: the business metrics at <c>/metrics</c>, read from the roll-ups that the
/// job <c>metric-rollups</c> (Cart.Infrastructure/Reporting) computes.</summary>
internal static class ReportingModule
{
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddSingleton<BusinessMetrics>();
        services.AddHostedService<LatestRollupsRefresher>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(BusinessMetrics.MeterName));
        return services;
    }
}
