using System.Net;
using Cart.Infrastructure.Carts;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Api;

/// <summary>No lost update: concurrent writes to one cart are serialised (API.md, "Concurrency").</summary>
public abstract class ConcurrencyTests(ApiFixture fixture)
{
    private const int Writers = 50;

    [Fact]
    public async Task AddItem_When50AddsOfOneSkuRaceOnOneCart_QuantityIsExactlyTheSum()
    {
        var (client, _) = fixture.NewShopper();

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers)
            .Select(_ => client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Shirt, quantity = 1 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var cart = await client.GetCartAsync();
        Assert.Equal(Writers, cart.Quantity(TestCatalog.Shirt));
        Assert.Equal(Writers, cart.Version());
        var versions = await Task.WhenAll(responses.Select(async r => (await r.ExpectAsync(HttpStatusCode.OK)).Version()));
        Assert.Equal(Enumerable.Range(1, Writers).Select(v => (long)v), versions.Order());
    }

    [Fact]
    public async Task AddItem_WhenTwoInstancesRaceOnOneNewCart_NoUpdateIsLost()
    {
        // Two hosts on one database: the in-process lock cannot help here; the cart's version and the unique
        // active-owner index must.
        await using var second = fixture.AnotherInstance();
        var userId = ApiFixture.NewUserId();
        var token = TestAuth.Shopper(userId);
        var one = fixture.WithToken(token);
        var two = second.ClientWithToken(token);

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            (i % 2 == 0 ? one : two).PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Mug, quantity = 2 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // From the database itself: without Redis each instance caches in its own memory (a one-instance setup), so
        // only the database is sure to hold both instances' writes.
        var (quantity, version) = await fixture.Factory.WithDbAsync(async db =>
        {
            var cart = await db.Carts().Include(c => c.Lines).SingleAsync(c => c.OwnerId == userId);
            return (cart.Lines.Single().Quantity, cart.Version);
        });
        Assert.Equal(Writers * 2, quantity);
        Assert.Equal(Writers, version);
    }

    [Fact]
    public async Task Writes_WhenDifferentKindsRace_EveryAcknowledgedChangeIsApplied()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Lamp, 1);

        var adds = Enumerable.Range(0, 20)
            .Select(_ => client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Mug, quantity = 1 }));
        var lampAdds = Enumerable.Range(0, 10)
            .Select(_ => client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Lamp, quantity = 1 }));
        var responses = await Task.WhenAll(adds.Concat(lampAdds));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var cart = await client.GetCartAsync();
        Assert.Equal(20, cart.Quantity(TestCatalog.Mug));
        Assert.Equal(11, cart.Quantity(TestCatalog.Lamp));
        Assert.Equal(31, cart.Version());
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteConcurrencyTests(SqliteApiFixture fixture) : ConcurrencyTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresConcurrencyTests(PostgresApiFixture fixture) : ConcurrencyTests(fixture);
