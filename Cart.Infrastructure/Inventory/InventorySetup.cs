using Cart.Domain.Inventory;
using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Infrastructure.Inventory;

public static class InventorySetup
{
    public static IServiceCollection AddCartInventory(this IServiceCollection services)
    {
        services.AddOptions<InventoryOptions>()
            .BindConfiguration(InventoryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<IStockHolds, EfStockHolds>();
        services.AddScoped<HoldExpirySweep>();
        services.AddScoped<IStockAdministration, EfStockAdministration>();
        services.AddRecurringJob<HoldExpiryJob>(HoldExpiryJob.Id, HoldExpiryJob.DefaultCron,
            job => job.RunAsync(CancellationToken.None));
        return services;
    }
}
