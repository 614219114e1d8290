using System.Net;
using System.Net.Sockets;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>The client address a per-address budget is counted on.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// IPv4 as it is (an IPv4-mapped IPv6 address is IPv4); IPv6 by its /64: a subscriber is given at least a whole
    /// /64 and can take a new address from it for every request, so one address per budget would buy it billions.
    /// </summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
