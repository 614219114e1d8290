using Cart.Domain.Reporting;
using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Infrastructure.Reporting;

public static class ReportingSetup
{
    public static IServiceCollection AddCartReporting(this IServiceCollection services)
    {
        services.AddOptions<ReportingOptions>()
            .BindConfiguration(ReportingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<RollupCalculator>();
        services.AddScoped<RollupStore>();
        services.AddScoped<RollupWriter>();
        services.AddScoped<IMetricRollups, EfMetricRollups>();
        services.AddRecurringJob<MetricRollupJob>(MetricRollupJob.Id, MetricRollupJob.DefaultCron,
            job => job.RunAsync(CancellationToken.None));
        return services;
    }
}
