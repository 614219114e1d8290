namespace Cart.Web.Admin.Actions;

public static class ConsoleActionsSetup
{
    /// <summary>The runner every console page and download runs its reads and changes through.</summary>
    public static IServiceCollection AddConsoleActions(this IServiceCollection services) =>
        services.AddScoped<ConsoleRunner>();
}
