using System.Net;
using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Admin.Support;

/// <summary>Support's cart look-up by each of its five keys, paged, on SQLite and on PostgreSQL.</summary>
public abstract class CartLookupTests(DatabaseProvider provider) : OwnHostsTest(provider)
{
    [Fact]
    public async Task Find_ByEachKeyOfAShopper_PagesAllTheirCartsMostRecentFirst()
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var userId = ApiFixture.NewUserId();
        var email = $"{userId}@Shopper.Test";
        var shopper = host.ClientWithToken(TestAuth.Shopper(userId, email, host.Clock.GetUtcNow()));
        var orders = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await shopper.AddAsync(sku, 1);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            var order = await (await shopper.SendAsync(CartApi.CheckoutRequest($"checkout-{i}")))
                .ExpectAsync(HttpStatusCode.Created);
            orders.Add(order.GetProperty("orderId").GetString()!);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var active = await shopper.AddAsync(sku, 2);
        var other = host.NewShopper();
        await other.Client.AddAsync(sku, 1);

        foreach (var (key, value) in new[]
                 {
                     (CartLookupKey.UserId, userId), (CartLookupKey.Email, email.ToUpperInvariant()),
                     (CartLookupKey.CartId, active.CartId()), (CartLookupKey.OrderId, orders[0]),
                 })
        {
            var first = await host.Reader().FindAsync(key, value, 0, 2, default);
            var second = await host.Reader().FindAsync(key, value, 2, 2, default);

            Assert.Equal(3, first.TotalCount);
            Assert.Equal([CartStatus.Active, CartStatus.CheckedOut], first.Items.Select(c => c.Status));
            Assert.Equal((active.CartId(), 2, 20m, "SGD"),
                (first.Items[0].CartId, first.Items[0].Units, first.Items[0].Total, first.Items[0].Currency));
            Assert.Single(second.Items);
            Assert.All(first.Items.Concat(second.Items), c => Assert.Equal(userId, c.Owner.Id));
        }
    }

    [Fact]
    public async Task Find_ByGuestSessionId_FindsTheGuestsCartAndNoShoppers()
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var (guest, _, sessionId) = await host.NewGuestAsync();
        var cart = await guest.AddAsync(sku, 1);

        var found = await host.Reader().FindAsync(CartLookupKey.GuestSessionId, sessionId, 0, 25, default);
        var asUser = await host.Reader().FindAsync(CartLookupKey.UserId, sessionId, 0, 25, default);

        Assert.Equal(cart.CartId(), Assert.Single(found.Items).CartId);
        Assert.Equal(0, asUser.TotalCount);
    }

    [Theory]
    [InlineData(CartLookupKey.Email, "not an email")]
    [InlineData(CartLookupKey.CartId, "c_none")]
    [InlineData(CartLookupKey.OrderId, "o_none")]
    public async Task Find_WhenNothingMatches_ReturnsAnEmptyPage(CartLookupKey key, string value)
    {
        var host = Own(new CartAppFactory(Database));

        var found = await host.Reader().FindAsync(key, value, 0, 25, default);

        Assert.Equal((0, 0), (found.TotalCount, found.Items.Count));
    }
}

public sealed class CartLookupSqliteTests() : CartLookupTests(DatabaseProvider.Sqlite);

public sealed class CartLookupPostgresTests() : CartLookupTests(DatabaseProvider.PostgreSql);
