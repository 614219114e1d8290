using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Npgsql;

namespace Cart.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server that accepts connections and never answers must cost a synchronous open no more than the
/// connection's Timeout, every time: Data Protection reads its keys that way when the host starts.
/// </summary>
public sealed class PostgreSqlConnectionsTests
{
    private const int Opens = 200;
    private const int AtOnce = 25;
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Open_WhenTheServerAcceptsButNeverAnswers_FailsWithinTheTimeoutEveryTime()
    {
        using var silent = new SilentServer();
        var connectionString = PostgreSqlConnections.WithoutGssFallback(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = silent.Port,
            Username = "cart",
            Password = "cart",
            Database = "cart",
            Timeout = 1,
            Pooling = false,
        }.ConnectionString);

        var hung = 0;
        for (var round = 0; round < Opens / AtOnce; round++)
        {
            var opens = Enumerable.Range(0, AtOnce).Select(_ => Task.Factory.StartNew(() =>
            {
                using var connection = new NpgsqlConnection(connectionString);
                Assert.ThrowsAny<Exception>(() => connection.Open());
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
            var all = Task.WhenAll(opens);
            if (await Task.WhenAny(all, Task.Delay(Watchdog)) != all)
            {
                hung += opens.Count(o => !o.IsCompleted);
                break; // a hung open stays blocked until the server goes away; the rest would only wait too
            }

            await all;
        }

        Assert.True(hung == 0, $"{hung} synchronous opens were still blocked after {Watchdog.TotalSeconds} s");
    }

    [Theory]
    [InlineData("Host=db;Database=cart", "Disable")]
    [InlineData("Host=db;Database=cart;GSS Encryption Mode=Require", "Require")]
    [InlineData("Host=db;Database=cart;GssEncryptionMode=Prefer", "Prefer")]
    public void WithoutGssFallback_WhenTheOperatorChoseAMode_KeepsIt(string connectionString, string expected)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgreSqlConnections.WithoutGssFallback(connectionString));

        Assert.Equal(expected, result.GssEncryptionMode.ToString());
        Assert.Equal("db", result.Host);
    }
}
