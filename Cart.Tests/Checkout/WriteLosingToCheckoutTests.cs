using System.Net;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Checkout;

/// <summary>
/// A change of a cart that another instance checks out while the change is under way (it read the cart before the
/// checkout committed) answers that the cart was checked out (422 <c>cart_empty</c>), whatever it would have failed
/// with on its own: the stock it wanted was sold with the cart, or its version lost to the checkout's. Two hosts on
/// one PostgreSQL; the first holds its write at the start of its transaction until the second's checkout is done.
/// </summary>
public sealed class WriteLosingToCheckoutTests() : OwnHostsTest(DatabaseProvider.PostgreSql)
{
    [Fact]
    public async Task UpdateItem_WhenItGrowsALineWhoseCartIsCheckedOutOnAnotherInstance_AnswersCartEmpty()
    {
        // On its own the write would find the line's units sold and none free: insufficient_stock.
        var (writer, checkout, gate) = Hosts();
        var sku = await writer.NewStockedProductAsync(2);
        var userId = ApiFixture.NewUserId();
        var token = TestAuth.Shopper(userId, now: writer.Clock.GetUtcNow());
        await writer.ClientWithToken(token).AddAsync(sku, 2);

        var response = await RaceAsync(writer, checkout, gate, token, sku, quantity: 3);

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "cart_empty");
        Assert.Equal((0, 0), await writer.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task UpdateItem_WhenItShrinksALineWhoseCartIsCheckedOutOnAnotherInstance_AnswersCartEmpty()
    {
        // On its own the write would lose the cart's version and, read again, find no line: line_not_found.
        var (writer, checkout, gate) = Hosts();
        var sku = await writer.NewStockedProductAsync(10);
        var userId = ApiFixture.NewUserId();
        var token = TestAuth.Shopper(userId, now: writer.Clock.GetUtcNow());
        await writer.ClientWithToken(token).AddAsync(sku, 3);

        var response = await RaceAsync(writer, checkout, gate, token, sku, quantity: 1);

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "cart_empty");
        Assert.Equal((7, 0), await writer.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task AddItem_WhenItsCartIsCheckedOutOnAnotherInstance_GoesIntoTheShoppersNextCart()
    {
        // An add needs no line of the old cart: started again on fresh state, it opens the next cart, as it would a
        // moment after the checkout.
        var (writer, checkout, gate) = Hosts();
        var (sold, added) = (await writer.NewStockedProductAsync(2), await writer.NewStockedProductAsync(5));
        var token = TestAuth.Shopper(ApiFixture.NewUserId(), now: writer.Clock.GetUtcNow());
        var before = await writer.ClientWithToken(token).AddAsync(sold, 2);

        var waiting = gate.CloseForNextTransaction();
        var add = writer.ClientWithToken(token).PostJsonAsync(CartApi.Items, new { sku = added, quantity = 1 });
        await waiting;
        await (await checkout.ClientWithToken(token).SendAsync(CartApi.CheckoutRequest("race")))
            .ExpectAsync(HttpStatusCode.Created);
        gate.Open();
        var cart = await (await add).ExpectAsync(HttpStatusCode.OK);

        Assert.NotEqual(before.GetProperty("cartId").GetString(), cart.GetProperty("cartId").GetString());
        Assert.Equal(0, cart.Quantity(sold));
        Assert.Equal(1, cart.Quantity(added));
        Assert.Equal((5, 1), await writer.AssertStockInvariantAsync(added));
    }

    /// <summary>Sets the line's quantity on <paramref name="writer"/> while <paramref name="checkout"/> checks out.</summary>
    private static async Task<HttpResponseMessage> RaceAsync(CartAppFactory writer, CartAppFactory checkout,
        TransactionGate gate, string token, string sku, int quantity)
    {
        var waiting = gate.CloseForNextTransaction();
        var update = writer.ClientWithToken(token).PutJsonAsync(CartApi.Item(sku), new { quantity });
        await waiting;
        await (await checkout.ClientWithToken(token).SendAsync(CartApi.CheckoutRequest("race")))
            .ExpectAsync(HttpStatusCode.Created);
        gate.Open();
        return await update;
    }

    private (CartAppFactory Writer, CartAppFactory Checkout, TransactionGate Gate) Hosts()
    {
        var gate = new TransactionGate();
        var writer = Own(new CartAppFactory(Database, services: s => gate.AddTo(s, Database.Provider)));
        var checkout = Own(new CartAppFactory(Database));
        checkout.Clock.AdjustTime(writer.Clock.GetUtcNow());
        return (writer, checkout, gate);
    }
}
