using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Http;

/// <summary>
/// The client's address and scheme as a trusted proxy forwarded them (ASP.NET Core's forwarded headers middleware),
/// so that per-address rate limits count clients rather than the proxy, and HSTS sees the original HTTPS.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection AddCartForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.HasValidProxies(),
                "ForwardedHeaders:KnownProxies must list IP addresses (10.0.0.5, fd00::5).")
            .Validate(o => o.HasValidNetworks(),
                "ForwardedHeaders:KnownNetworks must list networks in CIDR notation with no bits after the prefix " +
                "(10.0.0.0/8, fd00::/8).")
            .ValidateOnStart();

        // PostConfigure, so that this wins over every other source, ASPNETCORE_FORWARDEDHEADERS_ENABLED's included.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            var proxies = trusted.Value;
            // The framework trusts loopback by default, and everyone once both lists are empty (which is what
            // ASPNETCORE_FORWARDEDHEADERS_ENABLED does): here only what is configured is trusted, and with nothing
            // configured the headers are not read at all.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            options.ForwardedHeaders = proxies.TrustsAnyProxy
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            options.ForwardLimit = proxies.ForwardLimit;
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it, security headers and rate limits, sees the client.</summary>
    public static WebApplication UseCartForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
