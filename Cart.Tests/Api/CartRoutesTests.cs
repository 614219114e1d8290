using System.Net;
using Cart.Infrastructure.Carts;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Api;

/// <summary>The success path of every cart route, on each database.</summary>
public abstract class CartRoutesTests(ApiFixture fixture)
{
    [Fact]
    public async Task GetCart_WhenOwnerHasNoCart_ReturnsEmptyCartWithVersionZero()
    {
        var (client, userId) = fixture.NewShopper();

        var response = await client.GetAsync(CartApi.Cart);
        var cart = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, cart.Version());
        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal("user", cart.GetProperty("owner").GetProperty("kind").GetString());
        Assert.Equal(userId, cart.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal("\"0\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task AddItem_WhenProductExists_SnapshotsCatalogPriceAndBumpsVersion()
    {
        var (client, _) = fixture.NewShopper();

        var response = await client.PostJsonAsync(CartApi.Items,
            new { sku = TestCatalog.Shirt, quantity = 2, variant = new { size = "M", color = "blue" } });
        var cart = await response.ExpectAsync(HttpStatusCode.OK);

        var item = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(TestCatalog.Shirt, item.GetProperty("sku").GetString());
        Assert.Equal("Cotton T-shirt", item.GetProperty("name").GetString());
        Assert.Equal(2, item.GetProperty("quantity").GetInt32());
        Assert.Equal(TestCatalog.ShirtPrice, item.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(TestCatalog.ShirtPrice, item.GetProperty("currentUnitPrice").GetDecimal());
        Assert.False(item.GetProperty("priceChanged").GetBoolean());
        Assert.Equal(59.98m, item.GetProperty("lineTotal").GetDecimal());
        Assert.Equal("M", item.GetProperty("variant").GetProperty("size").GetString());
        Assert.Equal("none", item.GetProperty("hold").GetProperty("status").GetString());
        Assert.Equal("SGD", cart.GetProperty("currency").GetString());
        Assert.Equal(2, cart.GetProperty("totalItems").GetInt32());
        Assert.Equal(59.98m, cart.GetProperty("subtotal").GetDecimal());
        Assert.Equal(1, cart.Version());
        Assert.StartsWith("c_", cart.GetProperty("cartId").GetString(), StringComparison.Ordinal);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task AddItem_WhenLineExists_GrowsQuantityAtTheSnapshotPrice()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);

        var cart = await client.AddAsync(TestCatalog.Mug, 3);

        Assert.Equal(4, cart.Quantity(TestCatalog.Mug));
        Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(2, cart.Version());
        Assert.Equal(50.00m, cart.GetProperty("subtotal").GetDecimal());
    }

    [Fact]
    public async Task UpdateItem_WhenLineExists_SetsQuantity()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Shirt, 1);

        var response = await client.PutJsonAsync(CartApi.Item(TestCatalog.Shirt), new { quantity = 5 });
        var cart = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(5, cart.Quantity(TestCatalog.Shirt));
        Assert.Equal(2, cart.Version());
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal(5, (await client.GetCartAsync()).Quantity(TestCatalog.Shirt));
    }

    [Fact]
    public async Task RemoveItem_WhenLineExists_RemovesOnlyThatLine()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Shirt, 1);
        await client.AddAsync(TestCatalog.Mug, 2);

        var cart = await (await client.DeleteAsync(CartApi.Item(TestCatalog.Shirt))).ExpectAsync(HttpStatusCode.OK);

        var item = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(TestCatalog.Mug, item.GetProperty("sku").GetString());
        Assert.Equal(3, cart.Version());
    }

    [Fact]
    public async Task RemoveItem_WhenLastLineGoes_CartForgetsItsCurrency()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Shirt, 1);
        await client.DeleteAsync(CartApi.Item(TestCatalog.Shirt));

        var cart = await client.AddAsync(TestCatalog.Pho, 1);

        Assert.Equal("VND", cart.GetProperty("currency").GetString());
        Assert.Equal(250000m, cart.GetProperty("subtotal").GetDecimal());
    }

    [Fact]
    public async Task ClearCart_WhenCartHasLines_EmptiesItAndKeepsItsIdentity()
    {
        var (client, _) = fixture.NewShopper();
        var before = await client.AddAsync(TestCatalog.Shirt, 1);
        await client.AddAsync(TestCatalog.Mug, 1);

        var cart = await (await client.DeleteAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(0, cart.GetProperty("totalItems").GetInt32());
        Assert.Equal(3, cart.Version());
        Assert.Equal(before.GetProperty("cartId").GetString(), cart.GetProperty("cartId").GetString());
        Assert.Empty((await client.GetCartAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ClearCart_WhenOwnerHasNoCart_ReturnsEmptyCartAndCreatesNothing()
    {
        var (client, userId) = fixture.NewShopper();

        var cart = await (await client.DeleteAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, cart.Version());
        var stored = await fixture.Factory.WithDbAsync(db => db.Carts().CountAsync(c => c.OwnerId == userId));
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task AddItem_WhenCommitted_IsInTheDatabaseWithTheSnapshotPrice()
    {
        var (client, userId) = fixture.NewShopper();

        await client.AddAsync(TestCatalog.Lamp, 2);

        var line = await fixture.Factory.WithDbAsync(db =>
            db.CartLines().SingleAsync(l => db.Carts().Any(c => c.Id == l.CartId && c.OwnerId == userId)));
        Assert.Equal(TestCatalog.Lamp, line.Sku);
        Assert.Equal(2, line.Quantity);
        Assert.Equal(45.00m, line.UnitPrice);
    }

    [Fact]
    public async Task GetCart_WhenCatalogPriceRose_ShowsBothPricesAndFlagsTheChange()
    {
        var (client, _) = fixture.NewShopper();
        var sku = TestCatalog.Bulk(7);
        await client.AddAsync(sku, 2);
        await fixture.Factory.SetPriceAsync(sku, 1.50m);
        try
        {
            var item = Assert.Single((await client.GetCartAsync()).GetProperty("items").EnumerateArray());

            Assert.Equal(1.00m, item.GetProperty("unitPrice").GetDecimal());
            Assert.Equal(1.50m, item.GetProperty("currentUnitPrice").GetDecimal());
            Assert.True(item.GetProperty("priceChanged").GetBoolean());
            Assert.Equal(2.00m, item.GetProperty("lineTotal").GetDecimal());
        }
        finally
        {
            await fixture.Factory.SetPriceAsync(sku, 1.00m);
        }
    }

    [Fact]
    public async Task GuestSession_WhenStarted_ReturnsSignedTokenThatOwnsAGuestCart()
    {
        var response = await fixture.Anonymous().PostAsync(CartApi.GuestSessions, null);
        var session = await response.ExpectAsync(HttpStatusCode.Created);
        var sessionId = session.GetProperty("sessionId").GetString()!;
        var guest = fixture.WithToken(session.GetProperty("token").GetString()!);

        var cart = await guest.AddAsync(TestCatalog.Mug, 1);

        Assert.StartsWith("g_", sessionId, StringComparison.Ordinal);
        Assert.True(session.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal("guest", cart.GetProperty("owner").GetProperty("kind").GetString());
        Assert.Equal(sessionId, cart.GetProperty("owner").GetProperty("id").GetString());
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteCartRoutesTests(SqliteApiFixture fixture) : CartRoutesTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresCartRoutesTests(PostgresApiFixture fixture) : CartRoutesTests(fixture);
