using Cart.Domain.Inventory;
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
        services.AddHostedService<HoldExpirySchedule>();
        return services;
    }
}
