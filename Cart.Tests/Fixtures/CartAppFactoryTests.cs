using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Scheduling;
using Npgsql;

namespace Cart.Tests.Fixtures;

/// <summary>
/// The test host itself: once disposed, nothing of it is left running against its database, which the fixture drops
/// next (a job server left behind would heartbeat and poll a dropped database for the rest of the run).
/// </summary>
public sealed class CartAppFactoryTests() : OwnHostsTest(DatabaseProvider.PostgreSql)
{
    [Fact]
    public async Task Dispose_WhenTheHostWasFirstUsedFromSeveralThreadsAtOnce_LeavesNoJobServerRunning()
    {
        // As a test that sweeps on a fresh second instance from several tasks at once does; the fixture's own host has
        // made the database.
        const int threads = 4;
        await using var first = new CartAppFactory(Database);
        Assert.Single(await JobServersWhenStartedAsync(first));
        await first.DisposeAsync();
        var host = new CartAppFactory(Database);
        using var together = new Barrier(threads);
        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            together.SignalAndWait();
            return host.Services;
        }, TaskCreationOptions.LongRunning)));

        await host.DisposeAsync();

        Assert.Empty(await JobServersAsync());
    }

    [Fact]
    public async Task Dispose_WhenTheHostRan_LeavesNoJobServerRunning()
    {
        var host = new CartAppFactory(Database);
        Assert.Single(await JobServersWhenStartedAsync(host));

        await host.DisposeAsync();

        Assert.Empty(await JobServersAsync());
    }

    private async Task<List<string>> JobServersWhenStartedAsync(CartAppFactory host)
    {
        _ = host.Services;
        var servers = new List<string>();
        await Eventually.TrueAsync(async () => (servers = await JobServersAsync()).Count > 0);
        return servers;
    }

    /// <summary>The job servers the database knows as running (each announces itself there, and removes itself when
    /// it stops).</summary>
    private async Task<List<string>> JobServersAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM \"{SchedulingServices.StorageSchema}\".server",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var servers = new List<string>();
        while (await reader.ReadAsync())
        {
            servers.Add(reader.GetString(0));
        }

        return servers;
    }
}
