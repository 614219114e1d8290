namespace Cart.Web.Admin.Merchandising;

/// <summary>The merchandisers' part of the console: the Holds and Products pages' services and the holds export.</summary>
internal static class MerchandisingModule
{
    public static IServiceCollection AddMerchandising(this IServiceCollection services)
    {
        services.AddScoped<MerchandisingAccess>();
        services.AddScoped<HoldsService>();
        services.AddScoped<ProductsService>();
        return services;
    }

    public static IEndpointRouteBuilder MapMerchandising(this IEndpointRouteBuilder routes) => routes.MapHoldsCsv();
}
