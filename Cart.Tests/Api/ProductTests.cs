using System.Net;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>The public catalog routes.</summary>
public abstract class ProductTests(ApiFixture fixture)
{
    [Fact]
    public async Task ListProducts_WhenSearching_FindsByNameCaseInsensitivelyWithoutAToken()
    {
        var page = await (await fixture.Anonymous().GetAsync("/api/v1/products?search=KOPI"))
            .ExpectAsync(HttpStatusCode.OK);

        var product = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(TestCatalog.Mug, product.GetProperty("sku").GetString());
        Assert.Equal(TestCatalog.MugPrice, product.GetProperty("price").GetDecimal());
        Assert.Equal("SGD", product.GetProperty("currency").GetString());
        Assert.True(product.GetProperty("active").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, product.GetProperty("available").ValueKind);
        Assert.Equal(1, page.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task ListProducts_WhenPaging_ReturnsThatPageAndTheTotal()
    {
        var page = await (await fixture.Anonymous().GetAsync("/api/v1/products?search=bulk&page=2&pageSize=50"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(50, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(TestCatalog.BulkCount, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(TestCatalog.Bulk(51), page.GetProperty("items")[0].GetProperty("sku").GetString());
    }

    [Fact]
    public async Task GetProduct_WhenItExists_ReturnsItsCurrentPrice()
    {
        var product = await (await fixture.Anonymous().GetAsync($"/api/v1/products/{TestCatalog.Pho}"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(250000m, product.GetProperty("price").GetDecimal());
        Assert.Equal("250000", product.GetProperty("price").GetRawText());
        Assert.Equal("VND", product.GetProperty("currency").GetString());
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteProductTests(SqliteApiFixture fixture) : ProductTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresProductTests(PostgresApiFixture fixture) : ProductTests(fixture);
