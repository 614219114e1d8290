namespace Cart.Web.Platform.RateLimiting;

// Extension point for the rate limiter (issue 3); filled in by its own change.
internal static class RateLimitingSetup
{
    public static IServiceCollection AddCartRateLimiting(this IServiceCollection services) => services;

    public static WebApplication UseCartRateLimiting(this WebApplication app) => app;
}
