using Npgsql;

namespace Cart.Infrastructure.Persistence;

/// <summary>How the service connects to PostgreSQL, whoever opens the connection (EF Core, Hangfire).</summary>
public static class PostgreSqlConnections
{
    /// <summary>
    /// The connection string with GSS encryption off unless the operator chose a mode. Npgsql 10 tries GSS encryption
    /// first by default (<c>GssEncryptionMode=Prefer</c>); against a server that accepts the connection and then says
    /// nothing, its fallback without GSS opens a second socket that, now and then, runs without the connection's
    /// <c>Timeout</c>, so a synchronous open (Data Protection's key read at start, Hangfire's storage) blocks until the
    /// server closes the socket: for ever, for a hung server (npgsql/npgsql#6655). The service authenticates with a
    /// password and TLS; it never uses GSS, so nothing is lost.
    /// </summary>
    public static string WithoutGssFallback(string connectionString)
    {
        if (connectionString.Contains("gss", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString; // the operator's choice stands
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { GssEncryptionMode = GssEncryptionMode.Disable }
            .ConnectionString;
    }
}
