namespace Cart.Web.Admin.Support;

public static class SupportSetup
{
    /// <summary>The console's support pages' services: cart look-up and detail reads, and the audited fixes.</summary>
    public static IServiceCollection AddSupportConsole(this IServiceCollection services)
    {
        services.AddScoped<SupportCartReader>();
        services.AddScoped<SupportCartFixes>();
        return services;
    }
}
