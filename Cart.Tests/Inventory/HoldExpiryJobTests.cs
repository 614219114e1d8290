using Cart.Domain.Inventory;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Inventory;

/// <summary>
/// The recurring job <c>hold-expiry</c> run by the host's job server. Each test has a database of its own: the job
/// sweeps every lapsed hold it finds, so it must not share a database with other tests' holds.
/// </summary>
public abstract class HoldExpiryJobTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task HoldExpiryJob_WhenTriggeredAfterAHoldLapsed_ReleasesIt()
    {
        await using var host = new CartAppFactory(_database!, settings: new Dictionary<string, string?>
        {
            ["Inventory:HoldDuration"] = "00:15:00",
            [TestJobs.OnlyTriggered(HoldExpiryJob.Id).Key] = TestJobs.OnlyWhenTriggered,
        });
        var sku = await host.NewStockedProductAsync(6);
        var (client, _) = host.NewShopper();
        await client.AddAsync(sku, 4);
        host.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal((6, 4), await host.StockOfAsync(sku)); // lapsed, but no sweep has run yet

        await host.TriggerAsync(HoldExpiryJob.Id);

        Assert.True(await Eventually.TrueAsync(async () => (await host.StockOfAsync(sku)).Reserved == 0),
            "the hold-expiry job did not release the lapsed hold");
        var hold = await host.WithDbAsync(db => db.StockHolds().AsNoTracking().SingleAsync(h => h.Sku == sku));
        Assert.Equal(HoldStatus.Expired, hold.Status);
        var cart = await client.GetCartAsync();
        Assert.Equal(4, cart.Quantity(sku));
        Assert.Equal("expired", cart.HoldOf(sku).Status());
    }

    [Fact]
    public async Task HoldExpiryJob_WhenTriggeredBeforeTheHoldLapses_KeepsIt()
    {
        await using var host = new CartAppFactory(_database!, settings: new Dictionary<string, string?>
        {
            ["Inventory:HoldDuration"] = "00:15:00",
            [TestJobs.OnlyTriggered(HoldExpiryJob.Id).Key] = TestJobs.OnlyWhenTriggered,
        });
        var sku = await host.NewStockedProductAsync(10);
        var (client, _) = host.NewShopper();
        await client.AddAsync(sku, 4);
        var lapsed = await host.NewStockedProductAsync(6);
        await client.AddAsync(lapsed, 1);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await client.AddAsync(sku, 4); // renews the first line's hold; the other lapses at 15 minutes
        host.Clock.Advance(TimeSpan.FromMinutes(6));

        await host.TriggerAsync(HoldExpiryJob.Id);

        // The run is known to have happened once the lapsed line is released; the renewed one stays held.
        Assert.True(await Eventually.TrueAsync(async () => (await host.StockOfAsync(lapsed)).Reserved == 0),
            "the hold-expiry job did not run");
        Assert.Equal((10, 8), await host.StockOfAsync(sku));
    }
}

public sealed class SqliteHoldExpiryJobTests() : HoldExpiryJobTests(DatabaseProvider.Sqlite);

public sealed class PostgresHoldExpiryJobTests() : HoldExpiryJobTests(DatabaseProvider.PostgreSql);
