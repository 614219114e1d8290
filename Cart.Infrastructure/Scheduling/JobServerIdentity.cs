namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// The name this instance's job server registers under. Hangfire appends a fresh guid to it; the health check finds
/// this instance's server among all the storage knows by this prefix. Unique per host, not per machine: several
/// hosts share one process in the tests, and instances may share a machine name in containers.
/// </summary>
public sealed class JobServerIdentity
{
    public string ServerName { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"
        .ToLowerInvariant();

    /// <summary>Whether <paramref name="serverId"/> (as the monitoring API lists it) is this instance's server.</summary>
    public bool IsThisInstance(string serverId) =>
        serverId.StartsWith(ServerName + ":", StringComparison.OrdinalIgnoreCase);
}
