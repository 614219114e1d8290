using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Inventory;

/// <summary>
/// The hosted schedule sweeps by itself when the host's clock passes its interval. Each test has a database of its
/// own: the schedule sweeps every lapsed hold it finds, so it must not share a database with other tests' holds.
/// </summary>
public abstract class HoldExpiryScheduleTests(DatabaseProvider provider) : IAsyncLifetime
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
    public async Task Schedule_WhenTheClockPassesTheInterval_ReleasesLapsedHolds()
    {
        // The first pass is due at 20 minutes, after the hold lapsed at 15: the pass reads the clock at 20.
        await using var host = new CartAppFactory(_database!, settings: new Dictionary<string, string?>
        {
            ["Inventory:HoldDuration"] = "00:15:00",
            ["Inventory:ExpirySweepInterval"] = "00:20:00",
        });
        var sku = await host.NewStockedProductAsync(6);
        var (client, _) = host.NewShopper();
        await client.AddAsync(sku, 4);

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal((6, 4), await host.StockOfAsync(sku)); // lapsed, but no pass has run yet
        host.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.True(await Eventually.TrueAsync(async () => (await host.StockOfAsync(sku)).Reserved == 0),
            "the scheduled sweep did not release the lapsed hold");
        var hold = await host.WithDbAsync(db => db.StockHolds.AsNoTracking().SingleAsync(h => h.Sku == sku));
        Assert.Equal(HoldStatus.Expired, hold.Status);
        var cart = await client.GetCartAsync();
        Assert.Equal(4, cart.Quantity(sku));
        Assert.Equal("expired", cart.HoldOf(sku).Status());
    }
}

public sealed class SqliteHoldExpiryScheduleTests() : HoldExpiryScheduleTests(DatabaseProvider.Sqlite);

public sealed class PostgresHoldExpiryScheduleTests() : HoldExpiryScheduleTests(DatabaseProvider.PostgreSql);
