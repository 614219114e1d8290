using System.Net;
using System.Net.Http.Json;
using Cart.Domain.Carts;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Carts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Carts;

/// <summary>
/// The cleanup of inactive carts (<c>cart-cleanup</c>). Each test has a database of its own: a pass deletes every
/// inactive cart it finds. On PostgreSQL the hosts have Redis in front, as in production.
/// </summary>
public abstract class CartCleanupTests(DatabaseProvider provider) : IAsyncLifetime
{
    /// <summary>Times come back from the database to the millisecond (SQLite) or microsecond (PostgreSQL).</summary>
    private static readonly TimeSpan StoredPrecision = TimeSpan.FromMilliseconds(1);

    private TestDatabase? _database;
    private readonly List<CartAppFactory> _hosts = [];

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<CartAppFactory> NewHostAsync(int batchSize = 500, string? redisKeyPrefix = null,
        Action<IServiceCollection>? services = null)
    {
        var host = new CartAppFactory(_database!, redis: CartCleanupHost.RedisFor(provider),
            redisKeyPrefix: redisKeyPrefix ?? $"test-{Guid.NewGuid():N}:", settings: CartCleanupHost.Settings(batchSize),
            services: services);
        _hosts.Add(host);
        host.StartServer(); // migrates
        if (_hosts.Count == 1)
        {
            await host.WithDbAsync(async db =>
            {
                db.Products().AddRange(TestCatalog.Products(host.Clock.GetUtcNow()));
                await db.SaveChangesAsync();
            });
        }

        return host;
    }

    private static async Task<(string UserId, string CartId)> CartWithAsync(CartAppFactory host, string sku, int quantity)
    {
        var (client, userId) = host.NewShopper();
        var cart = await client.AddAsync(sku, quantity);
        return (userId, cart.CartId());
    }

    [Fact]
    public async Task DeleteInactive_WhenOneCartIsASecondPastTheWindowAndOneASecondShort_DeletesOnlyTheFirst()
    {
        var host = await NewHostAsync();
        var (_, past) = await CartWithAsync(host, TestCatalog.Mug, 1);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var (_, within) = await CartWithAsync(host, TestCatalog.Mug, 1);
        host.Clock.Advance(CartCleanupHost.Window - TimeSpan.FromSeconds(1)); // past: window + 1 s; within: window − 1 s

        var deleted = await host.CleanUpAsync();

        Assert.Equal(1, deleted);
        Assert.False(await host.CartExistsAsync(past));
        Assert.True(await host.CartExistsAsync(within));
        var events = await host.DeletionsOfAsync(past);
        var deletion = Assert.Single(events);
        Assert.Equal(ActorKind.Job, deletion.ActorKind);
        Assert.Equal(CartCleanupJob.Id, deletion.ActorId);
        Assert.Equal("active", deletion.Detail);
        Assert.Empty(await host.DeletionsOfAsync(within));
        Assert.Equal(0, await host.WithDbAsync(db => db.CartLines().CountAsync(l => l.CartId == past)));
    }

    [Fact]
    public async Task DeleteInactive_WhenTheOwnerReadTheCartWithinTheWindow_KeepsIt()
    {
        var host = await NewHostAsync();
        var (reader, readCart) = await CartWithAsync(host, TestCatalog.Mug, 1);
        var (_, unread) = await CartWithAsync(host, TestCatalog.Mug, 1);
        host.Clock.Advance(TimeSpan.FromDays(20));
        var readAt = host.Clock.GetUtcNow();
        await host.ShopperNow(reader).GetCartAsync(); // reading only: no change
        await host.ReadsRecordedAsync();
        host.Clock.Advance(TimeSpan.FromDays(20));

        Assert.Equal(1, await host.CleanUpAsync());

        Assert.True(await host.CartExistsAsync(readCart));
        Assert.False(await host.CartExistsAsync(unread));
        Assert.Equal(readAt, await host.LastActiveAtAsync(readCart), StoredPrecision);
    }

    [Fact]
    public async Task GetCart_WhenReadAgainWithinADayOfTheRecordedRead_DoesNotRecordItAgain()
    {
        var host = await NewHostAsync();
        var (userId, cartId) = await CartWithAsync(host, TestCatalog.Mug, 1);
        host.Clock.Advance(TimeSpan.FromDays(2));
        var firstRead = host.Clock.GetUtcNow();
        await host.ShopperNow(userId).GetCartAsync();
        await host.ReadsRecordedAsync();
        host.Clock.Advance(TimeSpan.FromHours(23));
        await host.ShopperNow(userId).GetCartAsync();
        await host.ReadsRecordedAsync();
        Assert.Equal(firstRead, await host.LastActiveAtAsync(cartId), StoredPrecision);

        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.ShopperNow(userId).GetCartAsync();
        await host.ReadsRecordedAsync();

        Assert.Equal(host.Clock.GetUtcNow(), await host.LastActiveAtAsync(cartId), StoredPrecision);
    }

    [Fact]
    public async Task DeleteInactive_WhenInactiveCartsHoldStock_GivesTheirUnitsBackAndKeepsTheInvariant()
    {
        var host = await NewHostAsync();
        var sku = await host.NewStockedProductAsync(10);
        var (_, first) = await CartWithAsync(host, sku, 3);
        var (_, second) = await CartWithAsync(host, sku, 2);
        var (keeper, kept) = await CartWithAsync(host, sku, 1);
        host.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromMinutes(1));
        await host.ShopperNow(keeper).AddAsync(sku, 1); // active again: its hold renewed at 2
        Assert.Equal((10, 7), await host.AssertStockInvariantAsync(sku)); // the lapsed holds still reserve theirs

        Assert.Equal(2, await host.CleanUpAsync());

        Assert.Equal((10, 2), await host.AssertStockInvariantAsync(sku));
        var holds = await host.WithDbAsync(db => db.StockHolds().AsNoTracking().Where(h => h.Sku == sku).ToListAsync());
        var hold = Assert.Single(holds);
        Assert.Equal((kept, HoldStatus.Active, 2), (hold.CartId, hold.Status, hold.Quantity));
        Assert.Single(await host.DeletionsOfAsync(first));
        Assert.Single(await host.DeletionsOfAsync(second));
    }

    [Fact]
    public async Task DeleteInactive_WhenMoreCartsThanABatch_DeletesThemAllInBatchesOfTheConfiguredSize()
    {
        var batches = new BatchLog();
        var host = await NewHostAsync(batchSize: 2, services: s => s.AddSingleton<IDeletedCartsCache>(batches));
        var carts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            carts.Add((await CartWithAsync(host, TestCatalog.Mug, 1)).CartId);
        }

        host.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromSeconds(1));

        Assert.Equal(5, await host.CleanUpAsync());

        Assert.Equal([2, 2, 1], batches.Sizes);
        foreach (var cart in carts)
        {
            Assert.False(await host.CartExistsAsync(cart));
            Assert.Single(await host.DeletionsOfAsync(cart));
        }
    }

    [Fact]
    public async Task DeleteInactive_WhenRunTwice_DeletesEachCartOnceWithOneEvent()
    {
        var host = await NewHostAsync();
        var sku = await host.NewStockedProductAsync(5);
        var (_, cart) = await CartWithAsync(host, sku, 2);
        host.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await host.CleanUpAsync());
        Assert.Equal(0, await host.CleanUpAsync());

        Assert.Single(await host.DeletionsOfAsync(cart));
        Assert.Equal((5, 0), await host.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task GetCart_AfterTheCartWasDeleted_ShowsAnEmptyCartAtANewVersionAndAnAddOpensANewCart()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        var host = await NewHostAsync(redisKeyPrefix: prefix);
        var other = await NewHostAsync(redisKeyPrefix: prefix); // another instance, same cache
        var (userId, oldCart) = await CartWithAsync(host, TestCatalog.Mug, 1);
        await host.ShopperNow(userId).AddAsync(TestCatalog.Lamp, 1);
        var before = await host.ShopperNow(userId).GetCartAsync(); // cached
        var oldVersion = before.GetProperty("version").GetInt64();
        host.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromSeconds(1));
        other.Clock.AdjustTime(host.Clock.GetUtcNow());

        Assert.Equal(1, await host.CleanUpAsync());

        foreach (var instance in new[] { host, other })
        {
            var client = instance.ShopperNow(userId);
            using var conditional = new HttpRequestMessage(HttpMethod.Get, CartApi.Cart);
            conditional.Headers.TryAddWithoutValidation("If-None-Match", $"\"{oldVersion}\"");
            var empty = await (await client.SendAsync(conditional)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(0, empty.GetProperty("totalItems").GetInt32());
            Assert.True(empty.GetProperty("version").GetInt64() > oldVersion);
        }

        var added = await host.ShopperNow(userId).AddAsync(TestCatalog.Mug, 1);
        Assert.NotEqual(oldCart, added.CartId());
        Assert.True(added.GetProperty("version").GetInt64() > oldVersion + 1, "the version restarted");
        using var stale = new HttpRequestMessage(HttpMethod.Put, CartApi.Item(TestCatalog.Mug))
        {
            Content = JsonContent.Create(new { quantity = 3 }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{oldVersion}\"");
        await (await host.ShopperNow(userId).SendAsync(stale)).ExpectProblemAsync(HttpStatusCode.PreconditionFailed,
            "version_mismatch");
    }

    [Fact]
    public async Task GetCart_WhenAReadCachedTheCartJustBeforeItWasDeleted_DoesNotServeTheDeletedCart()
    {
        var host = await NewHostAsync();
        var (userId, cartId) = await CartWithAsync(host, TestCatalog.Mug, 1);
        host.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromSeconds(1));
        // A read racing the cleanup: it loaded the cart before the deletion and fills the cache with it.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var cart = await scope.ServiceProvider.GetRequiredService<CartDbContext>().Carts().AsNoTracking()
                .Include(c => c.Lines).SingleAsync(c => c.Id == cartId);
            await scope.ServiceProvider.GetRequiredService<CartCache>()
                .PutAsync(cart.Owner, CartSnapshot.Of(cart, cart.Version));
        }

        Assert.Equal(1, await host.CleanUpAsync());

        var shown = await host.ShopperNow(userId).GetCartAsync();
        Assert.Equal(0, shown.GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task DeleteInactive_WhenTheCartWasCheckedOut_KeepsTheOrderAndTheOwnersVersion()
    {
        var host = await NewHostAsync();
        var (client, userId) = host.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 2);
        var response = await client.SendAsync(CartApi.CheckoutRequest("checkout-1"));
        var order = await response.ExpectAsync(HttpStatusCode.Created);
        var orderId = order.GetProperty("orderId").GetString()!;
        var closedVersion = (await client.GetCartAsync()).GetProperty("version").GetInt64();
        host.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await host.CleanUpAsync());

        var shopper = host.ShopperNow(userId);
        var fetched = await (await shopper.GetAsync($"/api/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, fetched.GetProperty("items")[0].GetProperty("quantity").GetInt32());
        var added = await shopper.AddAsync(TestCatalog.Mug, 1);
        Assert.True(added.GetProperty("version").GetInt64() > closedVersion, "the version restarted");
    }

    [Fact]
    public async Task CartCleanupJob_WhenTriggered_DeletesTheInactiveCarts()
    {
        var host = await NewHostAsync();
        var (_, cart) = await CartWithAsync(host, TestCatalog.Mug, 1);
        host.Clock.Advance(CartCleanupHost.Window + TimeSpan.FromSeconds(1));

        await host.TriggerAsync(CartCleanupJob.Id);

        Assert.True(await Eventually.TrueAsync(async () => !await host.CartExistsAsync(cart)),
            "the cart-cleanup job did not delete the inactive cart");
        Assert.Single(await host.DeletionsOfAsync(cart));
    }

    /// <summary>Records the size of each batch the cleanup committed.</summary>
    private sealed class BatchLog : IDeletedCartsCache
    {
        public List<int> Sizes { get; } = [];

        public Task ForgetAsync(IReadOnlyList<DeletedCart> carts)
        {
            lock (Sizes)
            {
                Sizes.Add(carts.Count);
            }

            return Task.CompletedTask;
        }
    }
}

public sealed class SqliteCartCleanupTests() : CartCleanupTests(DatabaseProvider.Sqlite);

public sealed class PostgresCartCleanupTests() : CartCleanupTests(DatabaseProvider.PostgreSql);
