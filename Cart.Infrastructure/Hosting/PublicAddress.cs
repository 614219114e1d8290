using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cart.Infrastructure.Hosting;

/// <summary>
/// The address the links in emails point at: <c>Reminders:PublicBaseUrl</c> when set (it must be, outside
/// Development); in Development otherwise the address the server listens on, so <c>ASPNETCORE_URLS</c> or
/// <c>--urls</c> moves the links with the service. Read when a link is made, not at start: the server knows its
/// addresses only once it listens.
/// </summary>
/// <param name="configured">The configured base URL (<c>Reminders:PublicBaseUrl</c>), if any.</param>
public sealed class PublicAddress(Uri? configured, IHostEnvironment environment, IServiceProvider services)
{
    public Uri BaseUrl => configured
                          ?? (environment.IsDevelopment() ? Listening() : null)
                          ?? throw new InvalidOperationException(
                              "Reminders:PublicBaseUrl is not set and the service's address is not known yet.");

    private Uri? Listening()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() is { } first ? new Uri(Browsable(first)) : null;
    }

    /// <summary>A wildcard host (all interfaces) as an address a browser on the same machine opens.</summary>
    public static string Browsable(string address) =>
        address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
}
