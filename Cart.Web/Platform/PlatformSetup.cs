using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Health;
using Cart.Web.Platform.Hosting;
using Cart.Web.Platform.Http;
using Cart.Web.Platform.Idempotency;
using Cart.Web.Platform.Jobs;
using Cart.Web.Platform.Json;
using Cart.Web.Platform.OpenApi;
using Cart.Web.Platform.Problems;
using Cart.Web.Platform.RateLimiting;
using Cart.Web.Platform.Sessions;
using Cart.Web.Platform.Telemetry;
using Scalar.AspNetCore;

namespace Cart.Web.Platform;

/// <summary>
/// What every module stands on: JSON, problems, auth, rate limits, forwarded headers, idempotency, health, OpenAPI,
/// metrics. Knows no module; each module adds itself (<c>AddCarts()</c>, <c>MapCartsEndpoints()</c>, ...) in Program.cs.
/// </summary>
internal static class PlatformSetup
{
    public static IServiceCollection AddCartPlatform(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(JsonSetup.Configure);
        // Binding failures (malformed JSON, wrong types) become exceptions the problem handler turns into 400s.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Field rules of requests (the data annotations the OpenAPI document also shows) are checked once, by the
        // framework, before any endpoint filter or handler runs; its problem goes through AddCartProblems.
        services.AddValidation();
        services.AddCartForwardedHeaders();
        services.AddCartProblems();
        services.AddCartAuth();
        services.AddCartOpenApi();
        services.AddCartHealthChecks();
        services.AddCartRateLimiting();
        services.AddScoped<RequestIdempotency>();
        services.AddScoped<GuestTokenReader>();
        return services;
    }

    public static WebApplication UseCartPlatform(this WebApplication app)
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
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseMiddleware<NoRequestBodyMiddleware>();
            api.UseMiddleware<ControlCharacterGuard>();
        });
        return app;
    }

    /// <summary>The routes that belong to no module: identity, health, metrics, the OpenAPI
    /// document and reference.</summary>
    public static WebApplication MapCartPlatformEndpoints(this WebApplication app)
    {
        app.MapIdentityEndpoints();
        app.MapCartHealth();
        app.MapCartMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference("/reference", o => o.WithTitle("Cart storefront API"));
        StartupBanner.Register(app);
        return app;
    }
}
