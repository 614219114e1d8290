using System.Net;
using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Carts;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Api;

/// <summary>The guest → shopper merge at login (API.md, "Merge").</summary>
public abstract class MergeTests(ApiFixture fixture)
{
    [Fact]
    public async Task Merge_WhenCartsOverlap_TakesTheUnionAndTheHigherQuantity()
    {
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Shirt, 3);
        await guest.AddAsync(TestCatalog.Mug, 1);
        var (shopper, _) = fixture.NewShopper();
        await shopper.AddAsync(TestCatalog.Mug, 2);
        await shopper.AddAsync(TestCatalog.Lamp, 1);

        var cart = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(3, cart.Quantity(TestCatalog.Shirt)); // only in the guest cart
        Assert.Equal(2, cart.Quantity(TestCatalog.Mug));   // in both: the shopper's 2 beats the guest's 1
        Assert.Equal(1, cart.Quantity(TestCatalog.Lamp));  // only in the shopper's cart
        Assert.Equal(3, cart.GetProperty("items").GetArrayLength());
        Assert.Equal("user", cart.GetProperty("owner").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Merge_WhenGuestHasMoreOfASku_GuestQuantityAndPriceSnapshotWin()
    {
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Mug, 5);
        var (shopper, _) = fixture.NewShopper();
        await shopper.AddAsync(TestCatalog.Mug, 2);

        var cart = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(5, cart.Quantity(TestCatalog.Mug));
        Assert.Equal(62.50m, cart.GetProperty("subtotal").GetDecimal());
    }

    [Fact]
    public async Task Merge_WhenDone_ClosesTheGuestCart()
    {
        var (guest, guestToken, sessionId) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Shirt, 1);
        var (shopper, _) = fixture.NewShopper();

        var merged = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        var guestCart = await fixture.Factory.WithDbAsync(db =>
            db.Carts().SingleAsync(c => c.OwnerKind == OwnerKind.Guest && c.OwnerId == sessionId));
        Assert.Equal(CartStatus.Merged, guestCart.Status);
        Assert.Equal(merged.GetProperty("cartId").GetString(), guestCart.MergedIntoCartId);
        Assert.Empty((await guest.GetCartAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Merge_WhenRepeated_ChangesNothingAndReturns200()
    {
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Shirt, 2);
        var (shopper, _) = fixture.NewShopper();
        var first = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        var second = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(first.Version(), second.Version());
        Assert.Equal(2, second.Quantity(TestCatalog.Shirt));
        Assert.Equal(first.GetProperty("items").GetRawText(), second.GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task AddItem_WhenAGuestCartWasMergedAway_TheNextGuestCartCountsOnSoOldETagsNeverMatchIt()
    {
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Shirt, 1);
        var closed = await guest.AddAsync(TestCatalog.Mug, 1); // the guest's client holds ETag "2"
        var (shopper, _) = fixture.NewShopper();
        await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        var reopened = await guest.AddAsync(TestCatalog.Lamp, 1);
        var stale = new HttpRequestMessage(HttpMethod.Get, CartApi.Cart);
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{closed.Version()}\""));
        var read = await guest.SendAsync(stale);

        Assert.True(reopened.Version() > closed.Version(), $"version {reopened.Version()} repeats an old ETag");
        Assert.NotEqual(closed.GetProperty("cartId").GetString(), reopened.GetProperty("cartId").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Merge_WhenGuestCartIsEmptyAndShopperHasNone_ClosesItWithoutOpeningAnEmptyShopperCart()
    {
        var (guest, guestToken, sessionId) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Shirt, 1);
        await guest.DeleteAsync(CartApi.Item(TestCatalog.Shirt)); // an empty guest cart exists
        var (shopper, userId) = fixture.NewShopper();

        var cart = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, cart.Version());
        var (shopperCarts, guestStatus) = await fixture.Factory.WithDbAsync(async db => (
            await db.Carts().CountAsync(c => c.OwnerId == userId),
            await db.Carts().Where(c => c.OwnerId == sessionId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(0, shopperCarts);
        Assert.Equal(CartStatus.Merged, guestStatus);
    }

    [Fact]
    public async Task Merge_WhenGuestHasNoCart_ReturnsTheShoppersCartUnchanged()
    {
        var (_, guestToken, _) = await fixture.NewGuestAsync();
        var (shopper, _) = fixture.NewShopper();
        var before = await shopper.AddAsync(TestCatalog.Lamp, 1);

        var cart = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(before.Version(), cart.Version());
        Assert.Equal(1, cart.Quantity(TestCatalog.Lamp));
    }

    [Fact]
    public async Task Merge_WhenShopperHasNoCartYet_ShopperGetsTheGuestLines()
    {
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Pho, 2);
        var (shopper, _) = fixture.NewShopper();

        var cart = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, cart.Quantity(TestCatalog.Pho));
        Assert.Equal("VND", cart.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Merge_WhenGuestTokenIsInvalid_Returns400AndChangesNothing()
    {
        var (shopper, _) = fixture.NewShopper();
        var before = await shopper.AddAsync(TestCatalog.Shirt, 1);
        var forged = TestAuth.Sign(TestAuth.GuestIssuer, TestAuth.Audience, "another-key-that-is-not-the-guest-key-0123",
            ApiFixture.NewGuestId(), DateTimeOffset.UtcNow.AddHours(1));

        var response = await shopper.PostJsonAsync(CartApi.Merge, new { guestToken = forged });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_guest_token");
        Assert.Equal(before.Version(), (await shopper.GetCartAsync()).Version());
    }

    [Fact]
    public async Task Merge_WhenCurrenciesDiffer_RefusesAndLeavesBothCartsAsTheyWere()
    {
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        var guestBefore = await guest.AddAsync(TestCatalog.Pho, 1);
        var (shopper, _) = fixture.NewShopper();
        var shopperBefore = await shopper.AddAsync(TestCatalog.Shirt, 1);

        var response = await shopper.PostJsonAsync(CartApi.Merge, new { guestToken });

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "currency_mismatch");
        Assert.Equal(shopperBefore.GetRawText(), (await shopper.GetCartAsync()).GetRawText());
        Assert.Equal(guestBefore.GetRawText(), (await guest.GetCartAsync()).GetRawText());
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteMergeTests(SqliteApiFixture fixture) : MergeTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresMergeTests(PostgresApiFixture fixture) : MergeTests(fixture);
