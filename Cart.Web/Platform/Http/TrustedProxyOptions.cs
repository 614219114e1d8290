using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Cart.Web.Platform.Http;

/// <summary>
/// The proxies (load balancer, ingress) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the service believes.
/// No one is trusted unless listed: anyone else could name any client address and so pick a fresh per-address budget
/// with each request.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies (<c>10.0.0.5</c>, <c>fd00::5</c>).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation (<c>10.0.0.0/8</c>, <c>fd00::/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>
    /// How many forwarded hops to read, from the last: 1 behind a single proxy; more only when each proxy in the
    /// chain is listed, since the first address the service does not trust ends the walk anyway.
    /// </summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyProxy => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public bool HasValidProxies() => KnownProxies.All(p => IPAddress.TryParse(p, out _));

    public bool HasValidNetworks() => KnownNetworks.All(IsNetworkWithoutHostBits);

    /// <summary>
    /// <c>10.1.2.3/16</c> is refused rather than read as <c>10.1.0.0/16</c>: whoever wrote it may have meant the one host.
    /// </summary>
    private static bool IsNetworkWithoutHostBits(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
               && IPNetwork.TryParse(cidr, out var network)
               && IPAddress.TryParse(cidr.AsSpan(0, slash), out var written)
               && network.BaseAddress.Equals(written);
    }
}
