namespace Cart.Web.Catalog;

/// <summary>The Catalog module's web side: the public product routes. The catalog itself is in Cart.Infrastructure.</summary>
internal static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<ListProducts>();
        services.AddScoped<GetProduct>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder routes) =>
        ProductEndpoints.Map(routes);
}
