using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cart.Infrastructure.Persistence;

/// <summary>Reads the provider-specific errors the service reacts to, so callers need not know the provider.</summary>
public static class DbErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;
    private const int SqlServerDeadlockVictim = 1205;

    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var unique = e switch
            {
                SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique
                    or SqliteConstraintPrimaryKey,
                PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
                SqlException sqlServer => sqlServer.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint,
                _ => false,
            };
            if (unique)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the database broke a deadlock (or a serialization conflict) by rolling this transaction back.</summary>
    public static bool IsDeadlock(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
                or SqlException { Number: SqlServerDeadlockVictim })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the database could not be reached or could not answer in time (not a rule it refused).</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException when e is not PostgresException:
                case SqlException { IsTransient: true }:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 14:
                    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN
                    return true;
                case DbException db when db.IsTransient:
                    return true;
            }
        }

        return false;
    }
}
