using Cart.Domain.Carts;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Carts;

/// <summary>
/// Two instances running the cleanup at once on one PostgreSQL, over the same carts and the same SKUs' stock: each
/// cart deleted once, with one event, its holds given back once.
/// </summary>
public sealed class ConcurrentCartCleanupTests : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task DeleteInactive_WhenTwoInstancesRunAtOnce_DeletesEachCartOnceWithOneEvent()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var a = new CartAppFactory(_database!, redis: ApiFixture.RedisAddress, redisKeyPrefix: prefix,
            settings: CartCleanupHost.Settings(batchSize: 7));
        await using var b = new CartAppFactory(_database!, redis: ApiFixture.RedisAddress, redisKeyPrefix: prefix,
            settings: CartCleanupHost.Settings(batchSize: 7));
        var skus = new[] { await a.NewStockedProductAsync(100), await a.NewStockedProductAsync(100) };
        var carts = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var (client, _) = a.NewShopper();
            var cart = await client.AddAsync(skus[i % 2], 1 + (i % 3));
            if (i % 4 == 0)
            {
                cart = await client.AddAsync(skus[(i + 1) % 2], 2);
            }

            carts.Add(cart.CartId());
        }

        a.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromSeconds(1));
        b.Clock.AdjustTime(a.Clock.GetUtcNow());

        var counts = await Task.WhenAll(Task.Run(a.CleanUpAsync), Task.Run(b.CleanUpAsync));

        Assert.Equal(40, counts.Sum());
        var events = await a.WithDbAsync(db => db.CartEvents().AsNoTracking()
            .Where(e => e.Type == CartActivityTypes.CartDeleted)
            .GroupBy(e => e.CartId)
            .Select(g => new { CartId = g.Key, Count = g.Count() })
            .ToListAsync());
        Assert.Equal(carts.Order(StringComparer.Ordinal), events.Select(e => e.CartId).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal(1, e.Count));
        Assert.Equal(0, await a.WithDbAsync(db => db.Carts().CountAsync()));
        foreach (var sku in skus)
        {
            Assert.Equal((100, 0), await a.AssertStockInvariantAsync(sku));
        }
    }
}
