namespace Cart.Web.Platform.Hosting;

/// <summary>
/// <c>dotnet run</c> listens on <c>http://localhost:5205</c> unless the caller names an address. A launch profile's
/// <c>applicationUrl</c> would overrule the caller: dotnet run turns it into <c>ASPNETCORE_URLS</c>, replacing the
/// shell's, so <c>ASPNETCORE_URLS=http://localhost:8080 dotnet run</c> still listened on 5205. The profile sets
/// <see cref="Variable"/> instead, which applies only when no <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>
/// (nor their <c>DOTNET_</c> and <c>HTTPS</c> forms), <c>--urls</c> or <c>--http_ports</c> names one.
/// </summary>
internal static class DefaultUrls
{
    public const string Variable = "CART_DEFAULT_URLS";

    /// <summary>The host settings that choose the addresses Kestrel listens on.</summary>
    private static readonly string[] Settings = ["urls", "http_ports", "https_ports"];

    public static string[] Apply(string[] args) => Apply(args, Environment.GetEnvironmentVariable);

    public static string[] Apply(string[] args, Func<string, string?> variable)
    {
        var fallback = variable(Variable);
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        var chosen = Settings.Any(setting =>
            !string.IsNullOrWhiteSpace(variable("ASPNETCORE_" + setting.ToUpperInvariant())) ||
            !string.IsNullOrWhiteSpace(variable("DOTNET_" + setting.ToUpperInvariant())) ||
            !string.IsNullOrWhiteSpace(commandLine[setting]));
        return string.IsNullOrWhiteSpace(fallback) || chosen ? args : [.. args, "--urls", fallback];
    }
}
