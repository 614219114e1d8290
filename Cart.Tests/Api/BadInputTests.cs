using System.Net;
using System.Text.Json;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>
/// Hostile and malformed requests (API.md, "Rules" and "Errors"): each gets its 4xx code, never a 500, and the cart
/// it aimed at is left exactly as it was.
/// </summary>
public abstract class BadInputTests(ApiFixture fixture) : BadInputTestBase(fixture)
{
    private const string Put = "PUT";
    private const string Delete = "DELETE";
    private const string Products = "/api/v1/products";

    private static readonly string[] MalformedSkus =
        [new string('A', 65), "", "ÄÖ-1", "商品", "sku with space", "sku/../x"];

    public static TheoryData<string> BadSkus => new(MalformedSkus);

    public static TheoryData<string, string> BadQuantities
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var method in new[] { Post, Put })
            {
                foreach (var quantity in new[] { "0", "-1", "1000", "2147483648", "1e3" })
                {
                    data.Add(method, quantity);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, string> BadRouteSkus
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var method in new[] { Put, Delete })
            {
                foreach (var sku in MalformedSkus.Where(s => s.Length > 0))
                {
                    data.Add(method, sku);
                }
            }

            return data;
        }
    }

    [Theory]
    [InlineData(Post, """{"sku":""")]
    [InlineData(Post, """[{"sku":"SG-MUG","quantity":1}]""")]
    [InlineData(Post, "")]
    [InlineData(Post, "null")]
    [InlineData(Put, """{"quantity":""")]
    [InlineData(Put, """[{"quantity":5}]""")]
    [InlineData(Put, "")]
    [InlineData(Put, "null")]
    public async Task WriteItem_WhenBodyIsNotAJsonObject_ReturnsValidationFailed(string method, string body)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(new HttpMethod(method), ItemUrl(method), body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData(Post, "text/plain")]
    [InlineData(Post, "application/xml")]
    [InlineData(Put, "text/plain")]
    [InlineData(Put, "application/x-www-form-urlencoded")]
    public async Task WriteItem_WhenBodyIsNotJson_ReturnsUnsupportedMediaType(string method, string contentType)
    {
        var (client, before) = await SeededShopperAsync();
        var body = method == Post ? """{"sku":"SG-MUG","quantity":1}""" : """{"quantity":5}""";

        var response = await client.SendRawAsync(new HttpMethod(method), ItemUrl(method), body, contentType);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal("/problems/unsupported-media-type", problem.GetProperty("type").GetString());
        Assert.Equal("The body must be JSON", problem.GetProperty("title").GetString());
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData("PATCH", CartApi.Cart)]
    [InlineData("PUT", CartApi.Items)]
    [InlineData("POST", "/api/v1/products")]
    public async Task Route_WhenMethodIsNotOneItTakes_ReturnsMethodNotAllowedWithAllow(string method, string path)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal("/problems/method-not-allowed", problem.GetProperty("type").GetString());
        Assert.Equal("The path does not take this method", problem.GetProperty("title").GetString());
        Assert.NotEmpty(response.Content.Headers.Allow);
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData("""{"sku":"SG-MUG","quantity":"2"}""", "quantity")]
    [InlineData("""{"sku":"SG-MUG","quantity":2.5}""", "quantity")]
    [InlineData("""{"sku":"SG-MUG","quantity":true}""", "quantity")]
    [InlineData("""{"sku":5,"quantity":1}""", "sku")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":"M"}""", "variant")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"size":1}}""", "variant")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"size":{"x":"y"}}}""", "variant")]
    public async Task AddItem_WhenAFieldHasTheWrongType_ReturnsValidationFailed(string body, string field)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, field);
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [MemberData(nameof(BadQuantities))]
    public async Task WriteItem_WhenQuantityIsOutOfRange_ReturnsValidationFailedForQuantity(string method,
        string quantity)
    {
        var (client, before) = await SeededShopperAsync();
        var body = method == Post
            ? $$"""{"sku":"{{TestCatalog.Shirt}}","quantity":{{quantity}}}"""
            : $$"""{"quantity":{{quantity}}}""";

        var response = await client.SendRawAsync(new HttpMethod(method), ItemUrl(method), body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "quantity");
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [MemberData(nameof(BadSkus))]
    public async Task AddItem_WhenSkuBreaksTheFormat_ReturnsValidationFailedForSku(string sku)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.PostJsonAsync(CartApi.Items, new { sku, quantity = 1 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "sku");
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [MemberData(nameof(BadRouteSkus))]
    public async Task WriteItem_WhenRouteSkuBreaksTheFormat_ReturnsValidationFailed(string method, string sku)
    {
        var (client, before) = await SeededShopperAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), CartApi.Item(sku));
        if (method == Put)
        {
            request.Content = RawJson("""{"quantity":1}""");
        }

        var response = await client.SendAsync(request);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "sku");
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>
    /// An empty SKU cannot be written in the route: <c>/cart/items/</c> is the collection, which only takes POST.
    /// </summary>
    [Theory]
    [InlineData(Put)]
    [InlineData(Delete)]
    public async Task WriteItem_WhenRouteSkuIsEmpty_ReturnsMethodNotAllowed(string method)
    {
        var (client, before) = await SeededShopperAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), CartApi.Item(""));
        if (method == Put)
        {
            request.Content = RawJson("""{"quantity":1}""");
        }

        var response = await client.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Contains(HttpMethod.Post.Method, response.Content.Headers.Allow);
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData(11, 1)]   // one attribute too many
    [InlineData(2, 600)]  // 1 200 bytes of values, over the 1 KB budget
    public async Task AddItem_WhenVariantBreaksTheLimits_ReturnsValidationFailedForVariant(int attributes,
        int valueLength)
    {
        var (client, before) = await SeededShopperAsync();
        var variant = Enumerable.Range(1, attributes).ToDictionary(i => $"a{i}", _ => new string('v', valueLength));

        var response = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Mug, quantity = 1, variant });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "variant");
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddItem_WhenBodyIsLargerThan16KB_ReturnsPayloadTooLarge(bool declaresLength)
    {
        var (client, before) = await SeededShopperAsync();
        var body = JsonSerializer.Serialize(new
        {
            sku = TestCatalog.Mug,
            quantity = 1,
            variant = new { note = new string('x', 17 * 1024) },
        });
        // Without a declared length the body goes chunked and only the byte count can stop it.
        HttpContent content = declaresLength
            ? RawJson(body)
            : System.Net.Http.Json.JsonContent.Create(JsonDocument.Parse(body).RootElement);

        var response = await client.PostAsync(CartApi.Items, content);

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await AssertUnchangedAsync(client, before);
    }


    [Theory]
    [InlineData("NO-SUCH-SKU-1", "unknown_sku")]
    [InlineData(TestCatalog.Retired, "product_unavailable")]
    [InlineData(TestCatalog.Pho, "currency_mismatch")] // sold in VND; the cart is in SGD
    public async Task AddItem_WhenCatalogRefusesTheSku_ReturnsUnprocessable(string sku, string code)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.PostJsonAsync(CartApi.Items, new { sku, quantity = 1 });

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task AddItem_WhenCartHas100Lines_ReturnsCartFull()
    {
        var (client, _) = Fixture.NewShopper();
        var before = default(JsonElement);
        for (var i = 1; i <= 100; i++)
        {
            before = await client.AddAsync(TestCatalog.Bulk(i), 1);
        }

        var response = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Bulk(101), quantity = 1 });

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "cart_full");
        Assert.Equal(100, before.GetProperty("items").GetArrayLength());
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task AddItem_WhenLineWouldGrowPast999_ReturnsValidationFailedForQuantity()
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Shirt, quantity = 998 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "quantity");
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData(Put, true)]
    [InlineData(Delete, true)]
    [InlineData(Put, false)]
    [InlineData(Delete, false)]
    public async Task WriteItem_WhenLineIsNotInTheCart_ReturnsLineNotFound(string method, bool ownerHasACart)
    {
        var (client, _) = Fixture.NewShopper();
        var before = ownerHasACart ? await client.AddAsync(TestCatalog.Shirt, 2) : await client.GetCartAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), CartApi.Item(TestCatalog.Mug));
        if (method == Put)
        {
            request.Content = RawJson("""{"quantity":1}""");
        }

        var response = await client.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "line_not_found");
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=2147483647&pageSize=100", "page")] // the offset would overflow
    public async Task ListProducts_WhenPagingIsOutOfRange_ReturnsValidationFailed(string query, string field)
    {
        var response = await Fixture.Anonymous().GetAsync($"{Products}?{query}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, field);
    }

    [Fact]
    public async Task GetProduct_WhenSkuIsNotInTheCatalog_ReturnsProductNotFound()
    {
        var response = await Fixture.Anonymous().GetAsync($"{Products}/NOPE-404");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "product_not_found");
    }

    /// <summary>C0 control characters and DEL: PostgreSQL cannot store a NUL in text, and none of them belongs in
    /// any value of the API.</summary>
    public static TheoryData<string> ControlCharacters => new("\u0000", "\u0001", "\t", "\n", "\u001f", "\u007f");

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task ListProducts_WhenSearchHoldsAControlCharacter_ReturnsValidationFailedForSearch(string control)
    {
        var response = await Fixture.Anonymous().GetAsync($"{Products}?search=ab{Uri.EscapeDataString(control)}cd");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "search");
    }

    /// <summary>Not NUL: the in-memory test server refuses a NUL in a path before the service sees it, as Kestrel
    /// does with its own 400.</summary>
    [Theory]
    [InlineData("\u0001")]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\u007f")]
    public async Task GetOrder_WhenTheIdHoldsAControlCharacter_ReturnsValidationFailedForOrderId(string control)
    {
        var (client, _) = Fixture.NewShopper();

        var response = await client.GetAsync($"/api/v1/orders/o_{Uri.EscapeDataString(control)}x");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "orderId");
    }

    [Fact]
    public async Task GetCart_WhenAQueryNameHoldsAControlCharacter_ReturnsValidationFailed()
    {
        var (client, _) = Fixture.NewShopper();

        var response = await client.GetAsync($"{CartApi.Cart}?x%00y=1");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"size":"M\u0000"}}""", "variant.size")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"size":"M\u007f"}}""", "variant.size")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"si\u0000ze":"M"}}""", "variant")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"note":"a\nb"}}""", "variant.note")]
    public async Task AddItem_WhenAStringHoldsAControlCharacter_ReturnsValidationFailedNamingIt(string body,
        string field)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, field);
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task AcceptPrices_WhenASkuHoldsAControlCharacter_ReturnsValidationFailedNamingIt()
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.AcceptPrices,
            """{"skus":["SG-SHIRT","SG-\u0000"]}""");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "skus");
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>The routes whose body API.md shows as "–" take none: any body, JSON or not, is refused and nothing
    /// is done (no order, no line removed).</summary>
    [Theory]
    [InlineData(Post, CartApi.Checkout, "application/json", "{}")]
    [InlineData(Post, CartApi.Checkout, "text/plain", "please")]
    [InlineData(Delete, CartApi.Cart, "text/plain", "x")]
    [InlineData(Delete, CartApi.Cart, "application/json", "{\"all\":true}")]
    [InlineData(Delete, "/api/v1/cart/items/SG-SHIRT", "application/octet-stream", "0")]
    public async Task BodilessWrite_WhenSentABody_ReturnsValidationFailedAndChangesNothing(string method, string url,
        string contentType, string body)
    {
        var (client, before) = await SeededShopperAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await client.SendAsync(request);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "body");
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task StartGuestSession_WhenSentABody_ReturnsValidationFailed()
    {
        var response = await Fixture.Anonymous().PostAsync(CartApi.GuestSessions,
            new StringContent("""{"sessionId":"g_mine"}""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "body");
    }

    [Fact]
    public async Task Checkout_WithoutABody_StillTakesTheOrder()
    {
        var (client, _) = await SeededShopperAsync();

        var response = await client.SendAsync(CartApi.CheckoutRequest(Guid.NewGuid().ToString()));

        await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>A name that is not text (a lone surrogate, <c>\udc00</c>) in a body the serializer refused for another
    /// reason: the explanation of the refusal reads past it.</summary>
    [Theory]
    [InlineData(CartApi.AcceptPrices, """{"sku":"SG-MUG","variant":{"\udc00":"x"}}""")]
    [InlineData(CartApi.Items, """{"sku":"SG-MUG","quantity":"1","\ud800":1}""")]
    public async Task Write_WhenARefusedBodyHoldsANameThatIsNotText_ReturnsValidationFailed(string url, string body)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, url, body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>An Accept header that is no media type at all does not stop the service from saying what is wrong.</summary>
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/admin\t/x")]
    [InlineData("application/json, ../x")]
    public async Task AnyProblem_WhenAcceptIsNotAMediaType_IsStillAProblemDocument(string accept)
    {
        var (client, _) = Fixture.NewShopper();
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Products}?page=abc");
        Assert.True(request.Headers.TryAddWithoutValidation("Accept", accept));

        var response = await client.SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData(256)]
    [InlineData(0)]
    public async Task AddItem_WhenIdempotencyKeyIsEmptyOrTooLong_ReturnsValidationFailed(int length)
    {
        var (client, before) = await SeededShopperAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, CartApi.Items)
        {
            Content = RawJson($$"""{"sku":"{{TestCatalog.Mug}}","quantity":1}"""),
        };
        // The in-process server drops a header whose value is "", so the empty key is a lone space (on the wire,
        // HTTP trims it to the same empty value).
        var key = length == 0 ? " " : new string('k', length);
        Assert.True(request.Headers.TryAddWithoutValidation("Idempotency-Key", key));

        var response = await client.SendAsync(request);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "Idempotency-Key");
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("W/7")]
    public async Task AddItem_WhenIfMatchIsNotAnEntityTag_ReturnsValidationFailed(string ifMatch)
    {
        var (client, before) = await SeededShopperAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, CartApi.Items)
        {
            Content = RawJson($$"""{"sku":"{{TestCatalog.Mug}}","quantity":1}"""),
        };
        Assert.True(request.Headers.TryAddWithoutValidation("If-Match", ifMatch));

        var response = await client.SendAsync(request);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, "If-Match");
        await AssertUnchangedAsync(client, before);
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteBadInputTests(SqliteApiFixture fixture) : BadInputTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresBadInputTests(PostgresApiFixture fixture) : BadInputTests(fixture);
