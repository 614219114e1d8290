namespace Cart.Web.Platform.Hosting;

/// <summary>
/// <c>dotnet run</c> starts the service in Development, whose appsettings file holds all a first run needs, unless the
/// caller names an environment. A launch profile that set <c>ASPNETCORE_ENVIRONMENT</c> would overrule the caller:
/// dotnet run gives the profile's variables precedence over the shell's, so <c>ASPNETCORE_ENVIRONMENT=Production
/// dotnet run</c> ran in Development. The profile sets <see cref="Variable"/> instead, which applies only when neither
/// <c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c> nor <c>--environment</c> names one.
/// </summary>
internal static class DefaultEnvironment
{
    public const string Variable = "CART_DEFAULT_ENVIRONMENT";

    public static string[] Apply(string[] args) => Apply(args, Environment.GetEnvironmentVariable);

    public static string[] Apply(string[] args, Func<string, string?> variable)
    {
        var fallback = variable(Variable);
        var chosen = variable("ASPNETCORE_ENVIRONMENT") ?? variable("DOTNET_ENVIRONMENT")
                     ?? new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.EnvironmentKey];
        return string.IsNullOrWhiteSpace(fallback) || !string.IsNullOrWhiteSpace(chosen)
            ? args
            : [.. args, "--environment", fallback];
    }
}
