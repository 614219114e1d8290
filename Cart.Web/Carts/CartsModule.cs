using Cart.Infrastructure.Carts;
using OpenTelemetry.Metrics;

namespace Cart.Web.Carts;

/// <summary>The Carts module: the cart routes, their handlers, the one write path, and the cart operation metrics.</summary>
internal static class CartsModule
{
    public static IServiceCollection AddCarts(this IServiceCollection services)
    {
        services.AddSingleton<KeyedLock>();
        services.AddSingleton<CartMetrics>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(CartMetrics.MeterName));
        services.AddScoped<CartDocumentBuilder>();
        services.AddScoped<CartCache>();
        services.AddScoped<IDeletedCartsCache, DeletedCartsCache>();
        services.AddSingleton<CartWriteRetry>();
        // The write path counts a guest's holds against the caller's client address.
        services.AddHttpContextAccessor();
        services.AddScoped<CartWriter>();
        services.AddScoped<GetCart>();
        services.AddSingleton<CartReadActivity>();
        services.AddHostedService(sp => sp.GetRequiredService<CartReadActivity>());
        services.AddScoped<AddItemToCart>();
        services.AddScoped<UpdateCartItem>();
        services.AddScoped<RemoveCartItem>();
        services.AddScoped<ClearCart>();
        services.AddScoped<MergeGuestCart>();
        services.AddScoped<CheckoutCart>();
        services.AddScoped<GetOrder>();
        services.AddScoped<AcceptCartPrices>();
        services.AddScoped<Cart.Domain.Carts.Support.ICartSupportFixes, SupportFixes>();
        return services;
    }

    public static IEndpointRouteBuilder MapCartsEndpoints(this IEndpointRouteBuilder routes) =>
        CartEndpoints.Map(routes);
}
