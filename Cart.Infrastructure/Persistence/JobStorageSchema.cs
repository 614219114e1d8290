using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cart.Infrastructure.Persistence;

/// <summary>
/// Creates or upgrades Hangfire's tables, in their own schema, with the database's migrations (at start when
/// <c>Database:MigrateOnStart</c>, or by the <c>migrate</c> command), not when the job server starts: a server start
/// never waits on the database, so an instance comes up, and reports, while the database is away.
/// </summary>
internal static class JobStorageSchema
{
    /// <summary>Hangfire's tables live apart from the service's own, in this schema (SQL Server and PostgreSQL).</summary>
    public const string Name = "hangfire";

    public static async Task InstallAsync(CartDbContext db, DatabaseProvider provider,
        CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return; // in-memory storage
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (provider == DatabaseProvider.PostgreSql)
            {
                PostgreSqlObjectsInstaller.Install((NpgsqlConnection)connection, Name);
            }
            else
            {
                SqlServerObjectsInstaller.Install(connection, Name, false);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
