using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.HttpOverrides;

namespace Cart.Web.Platform.Jobs;

/// <summary>
/// Lets into the jobs dashboard only a caller on this machine's loopback, until the admin console's sign-in exists.
/// The address is the one the forwarded-headers middleware settled on, so a trusted proxy's loopback hop does not
/// count as the client's; and a request still carrying <c>X-Forwarded-For</c> came through a proxy that is not
/// trusted (a local one the configuration does not name), so it is refused too, though its peer is loopback.
/// Stricter than Hangfire's local-requests filter, which also admits a caller using the machine's own address.
/// </summary>
internal sealed class LoopbackOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        return http.Connection.RemoteIpAddress is { } address
               && IPAddress.IsLoopback(address)
               && !http.Request.Headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName);
    }
}
