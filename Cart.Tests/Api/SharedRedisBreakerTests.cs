using System.Net;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Api;

/// <summary>
/// One circuit breaker in front of Redis for everything that calls it, on a real Redis and PostgreSQL: Redis failing
/// under the cart cache stops the products' cache asking it too, Redis failing under the products' cache stops the
/// cart cache, and the breaker's state is in /metrics. Failures are made with <see cref="RedisFaults"/> (keys that
/// answer WRONGTYPE), so Redis stays up for the other calls and for the other tests.
/// </summary>
[Collection(nameof(PostgresApiCollection))]
public sealed class SharedRedisBreakerTests(PostgresApiFixture fixture)
{
    [Fact]
    public async Task GetProduct_WhenTheCartCacheOpenedTheBreaker_SkipsRedisAndReadsTheDatabase()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var host = NewInstance(prefix);
        await using var other = NewInstance(prefix);
        var control = await host.AddProductAsync(10m);
        var sku = await host.AddProductAsync(10m);
        // Another instance puts both into Redis; then they change behind the service's back.
        Assert.Equal(10m, await PriceAsync(other, control));
        Assert.Equal(10m, await PriceAsync(other, sku));
        await SetPriceInDatabaseAsync(host, control, 11m);
        await SetPriceInDatabaseAsync(host, sku, 11m);
        Assert.Equal(10m, await PriceAsync(host, control)); // Redis answers the products' reads

        var (broken, brokenId) = host.NewShopper();
        await RedisFaults.BreakKeyAsync($"{prefix}cart:user:{brokenId}");
        await broken.GetCartAsync();
        await broken.GetCartAsync();

        Assert.Equal(11m, await PriceAsync(host, sku));
    }

    [Fact]
    public async Task GetCart_WhenTheProductsCacheOpenedTheBreaker_SkipsRedisAndReadsTheDatabase()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var host = NewInstance(prefix);
        var (client, userId) = host.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1); // the committed cart is put into Redis
        await SetQuantityInDatabaseAsync(host, userId, 7);
        Assert.Equal(1, (await client.GetCartAsync()).Quantity(TestCatalog.Mug)); // Redis answers the carts' reads

        foreach (var sku in new[] { await host.AddProductAsync(10m), await host.AddProductAsync(10m) })
        {
            await RedisFaults.BreakHashKeyAsync(prefix + ProductCacheKeys.For(sku));
            Assert.Equal(10m, await PriceAsync(host, sku)); // from the database: a Redis failure fails no request
        }

        Assert.Equal(7, (await client.GetCartAsync()).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task Metrics_WhenRedisFails_ShowTheRedisBreakerOpenThenClosed()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var host = NewInstance(prefix);
        var scraper = host.ClientWithoutRedirects();
        Assert.Equal(0, await RedisBreakerStateAsync(scraper, state => state == 0));

        var (broken, brokenId) = host.NewShopper();
        await RedisFaults.BreakKeyAsync($"{prefix}cart:user:{brokenId}");
        await broken.GetCartAsync();
        await broken.GetCartAsync();
        Assert.Equal(1, await RedisBreakerStateAsync(scraper, state => state == 1));
        var opened = await PrometheusScrape.GetUntilAsync(scraper, s => OpeningsOf(s) > 0); // Polly's own event count
        Assert.True(OpeningsOf(opened) > 0, "Polly's breaker events are not in /metrics");

        host.Clock.Advance(new Cart.Infrastructure.Resilience.ResilienceOptions().Redis.BreakDuration);
        await host.NewShopper().Client.GetCartAsync(); // the call the half-open breaker lets through succeeds
        Assert.Equal(0, await RedisBreakerStateAsync(scraper, state => state == 0));
    }

    private static double OpeningsOf(PrometheusScrape scrape) => scrape.Sum("resilience_polly_strategy_events_total",
        ("event_name", "OnCircuitOpened"), ("pipeline_name", "redis"));

    private CartAppFactory NewInstance(string prefix) =>
        new(fixture.Factory.Database, redis: ApiFixture.RedisAddress, redisKeyPrefix: prefix);

    private static async Task<double> RedisBreakerStateAsync(HttpClient client, Func<double, bool> expected)
    {
        var scrape = await PrometheusScrape.GetUntilAsync(client, s => s.Series("cart_resilience_circuit_breaker_state")
            .Any(x => x.Labels.GetValueOrDefault("dependency") == "redis" && expected(x.Value)));
        return scrape.Series("cart_resilience_circuit_breaker_state")
            .Single(x => x.Labels.GetValueOrDefault("dependency") == "redis").Value;
    }

    private static async Task<decimal> PriceAsync(CartAppFactory host, string sku) =>
        (await (await host.ClientWithoutRedirects().GetAsync($"/api/v1/products/{sku}"))
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("price").GetDecimal();

    private static async Task SetPriceInDatabaseAsync(CartAppFactory host, string sku, decimal price) =>
        await host.WithDbAsync(db => db.Products().Where(p => p.Sku == sku)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, price)));

    private static async Task SetQuantityInDatabaseAsync(CartAppFactory host, string userId, int quantity) =>
        await host.WithDbAsync(db => db.CartLines()
            .Where(l => db.Carts().Any(c => c.Id == l.CartId && c.OwnerId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, quantity)));
}
