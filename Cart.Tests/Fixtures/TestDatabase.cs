using System.Globalization;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Scheduling;
using Npgsql;

namespace Cart.Tests.Fixtures;

/// <summary>A throwaway database of one provider for one test fixture.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteTestDatabase(),
        DatabaseProvider.PostgreSql => await PostgresTestDatabase.CreateAsync(),
        _ => throw new NotSupportedException($"{provider} cannot run on the test machines."),
    };
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cart-tests", $"{Guid.NewGuid():N}.db");

    public SqliteTestDatabase() => Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_path}";

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database on the PostgreSQL server that scripts/test.sh starts (CART_TEST_POSTGRES).</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _adminConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("CART_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "CART_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts PostgreSQL and Redis, " +
            "or start them with `eval \"$(scripts/dev-servers.sh start)\"` first.");

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = $"cart_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(AdminConnectionString, name);
    }

    /// <summary>How long a drop waits for the job servers still running on the database: longer than a job server's
    /// shutdown timeout (Hangfire's 15 seconds), after which it gives its workers up.</summary>
    public static readonly TimeSpan JobServersStopWithin = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Drops the database once no job server runs on it any more. A host's job server that did not stop within the
    /// host's stop timeout (a worker in a job or a query) finishes on its own after the host is disposed; dropped
    /// under it, it would fail its heartbeats and fetches against a database that is gone.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await Eventually.TrueAsync(async () => await RunningJobServersAsync() == 0, JobServersStopWithin);
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The job servers registered in the database (each announces itself when it starts and removes itself
    /// when it has stopped); none if no host made the job storage, or the database is gone.</summary>
    public async Task<int> RunningJobServersAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            var table = $"{SchedulingServices.StorageSchema}.server";
            await using var exists = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection);
            if (await exists.ExecuteScalarAsync() is not true)
            {
                return 0;
            }

            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            return Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return 0; // dropped already
        }
    }
}
