using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cart.Infrastructure.Carts;

public static class CartsSetup
{
    /// <summary>
    /// The Carts module's storage side: its reads, the read recorder, the cleanup job, and what other modules may
    /// ask of it (<see cref="Cart.Domain.Carts.ICartTimeline"/>, <see cref="Cart.Domain.Carts.ICartDirectory"/>).
    /// </summary>
    public static IServiceCollection AddCartStorage(this IServiceCollection services)
    {
        services.AddOptions<CartsOptions>()
            .BindConfiguration(CartsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<CartQueries>();
        services.AddScoped<Cart.Domain.Carts.Support.ICartLookup, CartLookup>();
        services.AddScoped<CartActivityRecorder>();
        services.AddScoped<Cart.Domain.Carts.ICartTimeline, EfCartTimeline>();
        services.AddScoped<Cart.Domain.Carts.ICartDirectory, EfCartDirectory>();
        services.TryAddScoped<IDeletedCartsCache, NoDeletedCartsCache>();
        services.AddScoped<InactiveCartCleanup>();
        services.AddRecurringJob<CartCleanupJob>(CartCleanupJob.Id, CartCleanupJob.DefaultCron,
            job => job.RunAsync(CancellationToken.None));
        return services;
    }
}
