using System.Net;
using Hangfire.Dashboard;

namespace Cart.Web.Platform.Jobs;

/// <summary>
/// Lets into the jobs dashboard only a caller on this machine's loopback, until the admin console's sign-in exists.
/// The address is the one the forwarded-headers middleware settled on, so a proxy's own loopback hop does not count
/// as the client's. Stricter than Hangfire's local-requests filter, which also admits a caller using the machine's
/// own public address.
/// </summary>
internal sealed class LoopbackOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
