using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Infrastructure.Idempotency;

public static class IdempotencySetup
{
    public static IServiceCollection AddCartIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>()
            .BindConfiguration(IdempotencyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<IdempotencyRecordPurge>();
        services.AddRecurringJob<IdempotencyPurgeJob>(IdempotencyPurgeJob.Id, IdempotencyPurgeJob.DefaultCron,
            job => job.RunAsync(CancellationToken.None));
        return services;
    }
}
