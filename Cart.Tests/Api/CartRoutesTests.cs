using System.Net;
using Cart.Tests.Fixtures;

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
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteCartRoutesTests(SqliteApiFixture fixture) : CartRoutesTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresCartRoutesTests(PostgresApiFixture fixture) : CartRoutesTests(fixture);
