namespace Cart.Web.Platform.Health;

// Extension point for /health/live and /health/ready (issue 3); filled in by its own change.
internal static class HealthSetup
{
    public static IServiceCollection AddCartHealthChecks(this IServiceCollection services) => services;

    public static WebApplication MapCartHealth(this WebApplication app) => app;
}
