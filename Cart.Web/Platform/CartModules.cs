using Cart.Web.Carts;
using Cart.Web.Catalog;
using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Concurrency;
using Cart.Web.Platform.Health;
using Cart.Web.Platform.Hosting;
using Cart.Web.Platform.Http;
using Cart.Web.Platform.Idempotency;
using Cart.Web.Platform.Json;
using Cart.Web.Platform.OpenApi;
using Cart.Web.Platform.Problems;
using Cart.Web.Platform.RateLimiting;
using Cart.Web.Platform.Telemetry;
using Scalar.AspNetCore;

namespace Cart.Web.Platform;

internal static class CartModules
{
    public static IServiceCollection AddCartModules(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(JsonSetup.Configure);
        // Binding failures (malformed JSON, wrong types) become exceptions the problem handler turns into 400s.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddCartForwardedHeaders();
        services.AddCartProblems();
        services.AddCartAuth();
        services.AddCartOpenApi();
        services.AddCartHealthChecks();
        services.AddCartRateLimiting();

        services.AddSingleton<KeyedLock>();
        services.AddScoped<RequestIdempotency>();
        services.AddScoped<GuestTokenReader>();
        services.AddScoped<CartDocumentBuilder>();
        services.AddScoped<CartCache>();
        services.AddScoped<CartWriter>();
        services.AddScoped<GetCart>();
        services.AddScoped<AddItemToCart>();
        services.AddScoped<UpdateCartItem>();
        services.AddScoped<RemoveCartItem>();
        services.AddScoped<ClearCart>();
        services.AddScoped<MergeGuestCart>();
        services.AddScoped<ListProducts>();
        services.AddScoped<GetProduct>();
        return services;
    }

    public static WebApplication UseCartPipeline(this WebApplication app)
    {
        app.UseCartForwardedHeaders();
        app.UseCartSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"),
            api => api.UseMiddleware<RequestBodyLimitMiddleware>());
        app.UseAuthentication();
        // Before authorization, so that calls refused for a missing or bad token count against their address too.
        app.UseCartRateLimiting();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapCartEndpoints(this WebApplication app)
    {
        app.MapIdentityEndpoints();
        CartEndpoints.MapCartEndpoints(app);
        app.MapProductEndpoints();
        app.MapCartHealth();
        app.MapCartMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference("/reference", o => o.WithTitle("Cart storefront API"));
        StartupBanner.Register(app);
        return app;
    }
}
