using System.Net;
using Cart.Infrastructure.Checkout;
using Cart.Infrastructure.Inventory;
using Cart.Tests.Fixtures;
using Cart.Tests.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Checkout;

/// <summary>
/// Checkouts racing for too little stock: carts covering 60 units where 50 are on hand, 100 checkouts at once (on two
/// instances with PostgreSQL): exactly 50 orders, each fully covered, on hand never below zero, nothing left reserved.
/// </summary>
public abstract class CheckoutRaceTests(ApiFixture fixture)
{
    [Fact]
    public async Task Checkout_WhenCartsCoverMoreThanIsOnHand_SellsExactlyWhatIsThereAndNoMore()
    {
        var sku = await fixture.NewStockedProductAsync(60);
        var shoppers = Enumerable.Range(0, 60).Select(_ => fixture.NewShopper().Client).ToList();
        foreach (var shopper in shoppers)
        {
            await shopper.AddAsync(sku, 1);
        }

        // The holds lapse and are released; then the stock shrinks to 50 (a recount): 60 carts, 50 units.
        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await fixture.Factory.SweepAsync();
        await fixture.Factory.WithDbAsync(db => db.Stock().Where(s => s.Sku == sku)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.OnHand, 50)));
        await using var other = fixture.AnotherInstance();
        var clients = shoppers
            .Select((c, i) => i % 2 == 0 || !fixture.UsesRedis ? c : other.ClientWithToken(TokenOf(c)))
            .ToList();

        // 100 checkouts: every cart once, and 40 of them a second time with another key.
        var attempts = clients.Select((c, i) => (Client: c, Key: $"first-{i}"))
            .Concat(clients.Take(40).Select((c, i) => (Client: c, Key: $"again-{i}")));
        var responses = await Task.WhenAll(attempts.Select(a => a.Client.SendAsync(CartApi.CheckoutRequest(a.Key))));

        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.True(
            r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"{(int)r.StatusCode}"));
        Assert.Equal((0, 0), await fixture.StockOfAsync(sku));
        var sold = await fixture.Factory.WithDbAsync(db => db.Orders().SelectMany(o => o.Lines)
            .Where(l => l.Sku == sku).Select(l => l.Quantity).ToListAsync());
        Assert.Equal(50, sold.Count);
        Assert.All(sold, quantity => Assert.Equal(1, quantity));
    }

    private static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteCheckoutRaceTests(SqliteHoldsFixture fixture) : CheckoutRaceTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresCheckoutRaceTests(PostgresHoldsFixture fixture) : CheckoutRaceTests(fixture);
