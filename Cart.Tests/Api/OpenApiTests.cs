using System.Net;
using System.Text.Json;
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
    [InlineData("/api/v1/cart/prices/accept", "post", "AcceptCartPrices")]
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
    public async Task Document_WhenServed_DescribesAcceptingPricesWithItsLimitsAndEveryStatus()
    {
        var document = await GetDocumentAsync();

        var operation = document.GetProperty("paths").GetProperty("/api/v1/cart/prices/accept").GetProperty("post");
        var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order().ToList();
        Assert.Equal(["200", "400", "401", "403", "404", "409", "412", "413", "415", "422", "429", "500", "503"], statuses);
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("AcceptPricesRequest");
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.False(schema.TryGetProperty("required", out _));
        var skus = schema.GetProperty("properties").GetProperty("skus");
        Assert.Equal(["null", "array"], skus.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, skus.GetProperty("minItems").GetInt32());
        Assert.Equal(100, skus.GetProperty("maxItems").GetInt32());
        var sku = skus.GetProperty("items");
        Assert.Equal("string", sku.GetProperty("type").GetString());
        Assert.Equal(1, sku.GetProperty("minLength").GetInt32());
        Assert.Equal(64, sku.GetProperty("maxLength").GetInt32());
        Assert.Equal("^[A-Za-z0-9._-]{1,64}$", sku.GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task Document_WhenServed_DescribesTheReminderLandingAsAShoppersReportAndTheLinksAsTokenless()
    {
        var paths = (await GetDocumentAsync()).GetProperty("paths");

        var landing = paths.GetProperty("/api/v1/reminders/landings").GetProperty("post");
        Assert.Equal("ReportReminderLanding", landing.GetProperty("operationId").GetString());
        Assert.True(landing.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        foreach (var status in new[] { "204", "400", "401", "403", "429", "503" })
        {
            Assert.True(landing.GetProperty("responses").TryGetProperty(status, out _), $"the landing does not document {status}");
        }

        foreach (var method in new[] { "get", "post" })
        {
            var unsubscribe = paths.GetProperty("/api/v1/reminders/unsubscribe").GetProperty(method);
            Assert.Equal(0, unsubscribe.GetProperty("security").GetArrayLength());
            Assert.True(unsubscribe.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/html", out _));
        }
    }

    [Theory]
    [InlineData("/api/v1/guest-sessions", "post")]
    [InlineData("/api/v1/products", "get")]
    [InlineData("/api/v1/products/{sku}", "get")]
    public async Task Document_WhenServed_SaysThePublicRoutesNeedNoToken(string path, string method)
    {
        var document = await GetDocumentAsync();

        var security = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security");

        Assert.Equal(JsonValueKind.Array, security.ValueKind);
        Assert.Equal(0, security.GetArrayLength());
        Assert.False(document.GetProperty("paths").TryGetProperty("/api/v1/dev/tokens", out _));
    }

    [Fact]
    public async Task Document_WhenServed_HasAServerWithoutTrailingSlashDescribedTagsAndALicense()
    {
        var document = await GetDocumentAsync();

        Assert.All(document.GetProperty("servers").EnumerateArray(),
            server => Assert.False(server.GetProperty("url").GetString()!.EndsWith('/')));
        Assert.All(document.GetProperty("tags").EnumerateArray(),
            tag => Assert.False(string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString())));
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Document_WhenServed_StatesTheLimitsOfParametersAndDocuments()
    {
        var document = await GetDocumentAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var sku = Parameter(paths.GetProperty("/api/v1/cart/items/{sku}").GetProperty("put"), "sku");
        Assert.Equal(64, sku.GetProperty("maxLength").GetInt32());
        Assert.Equal("^[A-Za-z0-9._-]{1,64}$", sku.GetProperty("pattern").GetString());
        var list = paths.GetProperty("/api/v1/products").GetProperty("get");
        Assert.Equal(1, Parameter(list, "page").GetProperty("minimum").GetInt32());
        Assert.Equal(100, Parameter(list, "pageSize").GetProperty("maximum").GetInt32());
        Assert.Equal(100, Parameter(list, "search").GetProperty("maxLength").GetInt32());
        var key = Parameter(paths.GetProperty("/api/v1/cart/items").GetProperty("post"), "Idempotency-Key");
        Assert.Equal(255, key.GetProperty("maxLength").GetInt32());
        Assert.Equal(100, schemas.GetProperty("CartDocument").GetProperty("properties").GetProperty("items")
            .GetProperty("maxItems").GetInt32());
        Assert.Equal(100, schemas.GetProperty("ProductPage").GetProperty("properties").GetProperty("items")
            .GetProperty("maxItems").GetInt32());
        Assert.Equal(10, schemas.GetProperty("AddItemRequest").GetProperty("properties").GetProperty("variant")
            .GetProperty("maxProperties").GetInt32());
        Assert.Equal(["held", "expired", "none"], schemas.GetProperty("HoldDocument").GetProperty("properties")
            .GetProperty("status").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["user", "guest"], schemas.GetProperty("CartOwnerDocument").GetProperty("properties")
            .GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Document_WhenServed_TypesNoNumberAsAlsoAString()
    {
        var document = await GetDocumentAsync();

        var loose = new List<string>();
        FindLooseNumbers(document, "#", loose);

        Assert.Empty(loose);
    }

    [Theory]
    [InlineData("/api/v1/cart/items", "post", true)]
    [InlineData("/api/v1/cart/items/{sku}", "put", true)]
    [InlineData("/api/v1/cart/merge", "post", true)]
    [InlineData("/api/v1/cart/prices/accept", "post", true)]
    [InlineData("/api/v1/reminders/landings", "post", true)]
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
    public async Task Document_WhenServed_DeclaresTheResponseHeadersClientsRelyOn()
    {
        var document = await GetDocumentAsync();

        var missing = new List<string>();
        var declared = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var isCart = path.Name.StartsWith("/api/v1/cart", StringComparison.Ordinal);
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    var expected = new List<(string Header, string Type)>();
                    if (response.Name is "429" or "503")
                    {
                        expected.Add(("Retry-After", "integer"));
                    }

                    if (isCart)
                    {
                        expected.Add(("Cache-Control", "string"));
                    }

                    if (isCart && response.Name is "200" or "304")
                    {
                        expected.Add(("ETag", "string"));
                    }

                    if (isCart && response.Name is "201")
                    {
                        expected.Add(("Location", "string"));
                    }

                    foreach (var (header, type) in expected)
                    {
                        declared++;
                        if (!response.Value.TryGetProperty("headers", out var headers)
                            || !headers.TryGetProperty(header, out var found)
                            || !found.TryGetProperty("required", out var required) || !required.GetBoolean()
                            || found.GetProperty("schema").GetProperty("type").GetString() != type)
                        {
                            missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name}: {header}");
                        }
                    }
                }
            }
        }

        Assert.Empty(missing);
        Assert.True(declared > 40, $"only {declared} headers were expected: the document lost its routes");
        var replayed = document.GetProperty("paths").GetProperty("/api/v1/cart/items").GetProperty("post")
            .GetProperty("responses").GetProperty("200").GetProperty("headers").GetProperty("Idempotent-Replayed");
        Assert.False(replayed.TryGetProperty("required", out var always) && always.GetBoolean());
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
        Assert.Contains("currency_mismatch", codes);
        Assert.True(problem.GetProperty("properties").TryGetProperty("traceId", out _));
        Assert.True(problem.GetProperty("properties").TryGetProperty("errors", out _));
        Assert.Equal("integer", problem.GetProperty("properties").GetProperty("available").GetProperty("type").GetString());
        var line = problem.GetProperty("properties").GetProperty("lines").GetProperty("items").GetProperty("properties");
        Assert.True(line.TryGetProperty("sku", out _) && line.TryGetProperty("available", out _));
        Assert.False(problem.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False,
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

    private static JsonElement Parameter(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name)
            .GetProperty("schema");

    /// <summary>Schemas typed as a number or a string at once, which generated clients cannot use as numbers.</summary>
    private static void FindLooseNumbers(JsonElement node, string at, List<string> found)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
                {
                    found.Add(at);
                }
            }

            if (node.TryGetProperty("pattern", out var pattern) && pattern.GetString()!.Contains("-?(?:0|[1-9]", StringComparison.Ordinal))
            {
                found.Add(at); // the generator's pattern for numbers written as strings
            }

            foreach (var property in node.EnumerateObject())
            {
                FindLooseNumbers(property.Value, $"{at}/{property.Name}", found);
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                FindLooseNumbers(item, $"{at}/{i++}", found);
            }
        }
    }

    private async Task<JsonElement> GetDocumentAsync() =>
        await (await fixture.Anonymous().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
}
