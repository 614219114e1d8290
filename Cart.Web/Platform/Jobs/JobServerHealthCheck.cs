using System.Globalization;
using Cart.Infrastructure.Scheduling;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cart.Web.Platform.Jobs;

/// <summary>
/// The <c>jobs</c> check: this instance's job server as the storage knows it. Healthy when the server is registered
/// (its heartbeat keeps it there: every server's watchdog removes a server whose heartbeat is older than Hangfire's
/// server timeout, and a server that stops removes itself); degraded when it is not, since requests are still served
/// but nothing runs the jobs here; unhealthy when the storage cannot be read. The heartbeat is compared by Hangfire on
/// its own clock, not here: the service's clock may be a test's and Hangfire's is the machine's.
/// </summary>
internal sealed class JobServerHealthCheck(JobStorage storage, JobServerIdentity identity) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        // The monitoring API is synchronous; on a thread of its own the check's timeout can still give up on it.
        var servers = await Task.Run(() => storage.GetMonitoringApi().Servers(), cancellationToken);
        var own = servers.FirstOrDefault(s => identity.IsThisInstance(s.Name));
        if (own is null)
        {
            return HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
                $"this instance's job server is not running ({servers.Count} other servers registered)"));
        }

        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
            $"job server running with {own.WorkersCount} workers; {servers.Count} servers registered"));
    }
}
