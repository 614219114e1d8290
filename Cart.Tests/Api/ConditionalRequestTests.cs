using System.Net;
using System.Net.Http.Headers;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>ETag, If-None-Match (304) and If-Match (412) on the cart's version.</summary>
public abstract class ConditionalRequestTests(ApiFixture fixture)
{
    [Fact]
    public async Task GetCart_WhenIfNoneMatchIsTheCurrentVersion_Returns304WithoutBody()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Shirt, 1);
        var request = new HttpRequestMessage(HttpMethod.Get, CartApi.Cart);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetCart_WhenIfNoneMatchIsAnOlderVersion_Returns200WithTheCart()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Shirt, 1);
        await client.AddAsync(TestCatalog.Shirt, 1);
        var request = new HttpRequestMessage(HttpMethod.Get, CartApi.Cart);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));

        var response = await client.SendAsync(request);

        Assert.Equal(2, (await response.ExpectAsync(HttpStatusCode.OK)).Quantity(TestCatalog.Shirt));
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task UpdateItem_WhenIfMatchIsTheCurrentVersion_Applies()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);

        var response = await client.SendAsync(Put(TestCatalog.Mug, 4, "\"1\""));

        Assert.Equal(4, (await response.ExpectAsync(HttpStatusCode.OK)).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task UpdateItem_WhenIfMatchIsAnOlderVersion_Returns412AndChangesNothing()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);
        await client.AddAsync(TestCatalog.Lamp, 1);

        var response = await client.SendAsync(Put(TestCatalog.Mug, 4, "\"1\""));

        await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");
        var cart = await client.GetCartAsync();
        Assert.Equal(1, cart.Quantity(TestCatalog.Mug));
        Assert.Equal(2, cart.Version());
    }

    [Theory]
    [InlineData("W/\"1\"")]  // weak tags never match If-Match (strong comparison)
    [InlineData("\"7\", \"8\"")]
    public async Task AddItem_WhenIfMatchDoesNotMatchStrongly_Returns412(string ifMatch)
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);
        var request = new HttpRequestMessage(HttpMethod.Post, CartApi.Items)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { sku = TestCatalog.Mug, quantity = 1 }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await client.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");
        Assert.Equal(1, (await client.GetCartAsync()).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task ClearCart_WhenIfMatchIsAnyOrListsTheCurrentVersion_Applies()
    {
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);
        var list = new HttpRequestMessage(HttpMethod.Delete, CartApi.Cart);
        list.Headers.TryAddWithoutValidation("If-Match", "\"0\", \"1\"");
        await (await client.SendAsync(list)).ExpectAsync(HttpStatusCode.OK);
        await client.AddAsync(TestCatalog.Mug, 1);
        var any = new HttpRequestMessage(HttpMethod.Delete, CartApi.Cart);
        any.Headers.TryAddWithoutValidation("If-Match", "*");

        var cart = await (await client.SendAsync(any)).ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(4, cart.Version());
    }

    private static HttpRequestMessage Put(string sku, int quantity, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, CartApi.Item(sku))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { quantity }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteConditionalRequestTests(SqliteApiFixture fixture) : ConditionalRequestTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresConditionalRequestTests(PostgresApiFixture fixture) : ConditionalRequestTests(fixture);
