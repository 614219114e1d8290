using System.Net;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>The OpenAPI document describes what the service accepts, so a generated client works.</summary>
[Collection(nameof(SqliteApiCollection))]
public sealed class OpenApiTests(SqliteApiFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/cart", "get", "GetCart")]
    [InlineData("/api/v1/cart", "delete", "ClearCart")]
    [InlineData("/api/v1/cart/items", "post", "AddCartItem")]
    [InlineData("/api/v1/cart/items/{sku}", "put", "UpdateCartItem")]
    [InlineData("/api/v1/cart/items/{sku}", "delete", "RemoveCartItem")]
    [InlineData("/api/v1/cart/merge", "post", "MergeGuestCart")]
    public async Task Document_WhenServed_DescribesEachCartRouteWithItsTokenAndErrors(string path, string method,
        string operationId)
    {
        var document = await GetDocumentAsync();

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.True(operation.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        var responses = operation.GetProperty("responses");
        foreach (var status in new[] { "200", "401", "403", "429", "503" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not document {status}");
        }
    }

    [Fact]
    public async Task Document_WhenServed_DescribesTheAddItemBodyAsClosedWithItsLimits()
    {
        var document = await GetDocumentAsync();

        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("AddItemRequest");
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["sku", "quantity"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var quantity = schema.GetProperty("properties").GetProperty("quantity");
        Assert.Equal("integer", quantity.GetProperty("type").GetString());
        Assert.Equal(1, quantity.GetProperty("minimum").GetInt32());
        Assert.Equal(999, quantity.GetProperty("maximum").GetInt32());
        Assert.Equal(64, schema.GetProperty("properties").GetProperty("sku").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task Document_WhenServed_LeavesThePublicRoutesWithoutAToken()
    {
        var document = await GetDocumentAsync();

        var list = document.GetProperty("paths").GetProperty("/api/v1/products").GetProperty("get");
        Assert.False(list.TryGetProperty("security", out _));
        Assert.False(document.GetProperty("paths").TryGetProperty("/api/v1/dev/tokens", out _));
    }

    [Theory]
    [InlineData("/api/v1/cart/items", "post", true)]
    [InlineData("/api/v1/cart/items/{sku}", "put", true)]
    [InlineData("/api/v1/cart/merge", "post", true)]
    [InlineData("/api/v1/cart/items/{sku}", "delete", false)]
    [InlineData("/api/v1/cart", "get", false)]
    public async Task Document_WhenServed_ListsUnsupportedMediaTypeOnRoutesThatTakeABody(string path, string method,
        bool takesABody)
    {
        var document = await GetDocumentAsync();

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.Equal(takesABody, responses.TryGetProperty("415", out var unsupported));
        if (takesABody)
        {
            Assert.True(unsupported.GetProperty("content").TryGetProperty("application/problem+json", out _));
        }
    }

    [Fact]
    public async Task Document_WhenServed_DescribesProblemsWithEveryCodeAndTheirExtensions()
    {
        var document = await GetDocumentAsync();

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");
        var codes = problem.GetProperty("properties").GetProperty("code").GetProperty("enum")
            .EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("method_not_allowed", codes);
        Assert.Contains("unsupported_media_type", codes);
        Assert.Contains("validation_failed", codes);
        Assert.Contains("payload_too_large", codes);
        Assert.True(problem.GetProperty("properties").TryGetProperty("traceId", out _));
        Assert.True(problem.GetProperty("properties").TryGetProperty("errors", out _));
        Assert.False(problem.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == System.Text.Json.JsonValueKind.False,
            "problems carry extensions (lines, available); the schema must not forbid them");
        Assert.Contains("method_not_allowed", document.GetProperty("info").GetProperty("description").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferencePage_WhenRequested_IsServed()
    {
        var client = fixture.Factory.CreateClient();

        var response = await client.GetAsync("/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.JsonElement> GetDocumentAsync() =>
        await (await fixture.Anonymous().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
}
