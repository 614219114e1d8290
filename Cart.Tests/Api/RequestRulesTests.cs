using System.Net;
using System.Text.Json;
using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>
/// The field rules of each request (API.md, "Limits") are checked once, before anything runs: every rule that is
/// broken answers 400 <c>validation_failed</c> naming the field by its JSON name, all of them in one answer, and the
/// cart is left as it was. BadInputTests holds the SKU and quantity formats and what the serializer refuses.
/// </summary>
public abstract class RequestRulesTests(ApiFixture fixture)
{
    private const string Products = "/api/v1/products";

    /// <summary>Stands for a value one character over its limit, too long to write in an attribute.</summary>
    private const string OverLong = "(over-long)";

    /// <summary>Variants the cart refuses, each breaking one rule other than the count and the ASCII byte budget.</summary>
    public static TheoryData<string> BadVariants => new(
        $$"""{"{{new string('n', CartLimits.MaxVariantKeyLength + 1)}}":"x"}""", // a name over 64 characters
        """{" ":"x"}""",                                                        // a blank name
        """{"":"x"}""",                                                         // an empty name
        """{"size":null}""",                                                    // a value that is not a string
                                                                                // 342 Thai letters are 342 characters but 1,026 bytes: the budget counts bytes.
        $$"""{"note":"{{new string('ก', 342)}}"}""");

    [Fact]
    public async Task UpdateItem_WhenRouteSkuAndQuantityAreBothBad_NamesBothInOneAnswer()
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Put, CartApi.Item("not a sku"), """{"quantity":0}""");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["quantity", "sku"], ErrorNames(problem));
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task AddItem_WhenEveryFieldBreaksItsRule_NamesEachByItsJsonName()
    {
        var (client, before) = await SeededShopperAsync();
        var variant = Enumerable.Range(1, CartLimits.MaxVariantEntries + 1).ToDictionary(i => $"a{i}", _ => "v");

        var response = await client.PostJsonAsync(CartApi.Items, new { sku = "not a sku", quantity = 0, variant });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["quantity", "sku", "variant"], ErrorNames(problem));
        Assert.Equal([CartLimits.QuantityRule], Messages(problem, "quantity"));
        Assert.Equal([$"A variant has at most {CartLimits.MaxVariantEntries} attributes."], Messages(problem, "variant"));
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>One rule, one wording: a SKU in a body and a SKU in a route are told the same thing, once.</summary>
    [Theory]
    [InlineData("POST", "not a sku")]
    [InlineData("POST", OverLong)]
    [InlineData("PUT", "not a sku")]
    [InlineData("PUT", OverLong)]
    [InlineData("DELETE", "not a sku")]
    [InlineData("GET", "not a sku")]
    public async Task Sku_WhenItBreaksThePattern_IsToldTheSkuRuleOnce(string method, string sku)
    {
        sku = sku == OverLong ? new string('A', Sku.MaxLength + 1) : sku;
        var (client, before) = await SeededShopperAsync();

        var response = method switch
        {
            "POST" => await client.PostJsonAsync(CartApi.Items, new { sku, quantity = 1 }),
            "PUT" => await client.PutJsonAsync(CartApi.Item(sku), new { quantity = 1 }),
            "DELETE" => await client.DeleteAsync(CartApi.Item(sku)),
            _ => await fixture.Anonymous().GetAsync($"{Products}/{Uri.EscapeDataString(sku)}"),
        };

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([Sku.Rule], Messages(problem, "sku"));
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [MemberData(nameof(BadVariants))]
    public async Task AddItem_WhenVariantBreaksARule_ReturnsValidationFailedForVariant(string variant)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items,
            $$"""{"sku":"{{TestCatalog.Mug}}","quantity":1,"variant":{{variant}}}""");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.All(ErrorNames(problem), name => Assert.StartsWith("variant", name, StringComparison.Ordinal));
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>1 KB is 1,024 bytes of names and values: the last byte that fits is taken, the next is refused.</summary>
    [Theory]
    [InlineData(CartLimits.MaxVariantBytes, HttpStatusCode.OK)]
    [InlineData(CartLimits.MaxVariantBytes + 1, HttpStatusCode.BadRequest)]
    public async Task AddItem_WhenVariantIsAtOrJustOverTheByteBudget_TakesOnlyWhatFits(int bytes,
        HttpStatusCode expected)
    {
        var (client, before) = await SeededShopperAsync();
        var variant = new Dictionary<string, string> { ["a"] = new('v', bytes - 1) };

        var response = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Mug, quantity = 1, variant });

        if (expected == HttpStatusCode.OK)
        {
            var cart = await response.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(1, cart.Quantity(TestCatalog.Mug));
            return;
        }

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["variant"], ErrorNames(problem));
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(OverLong)]
    public async Task Merge_WhenGuestTokenBreaksItsRule_ReturnsValidationFailedAndMergesNothing(string guestToken)
    {
        var (guest, _, _) = await fixture.NewGuestAsync();
        var guestBefore = await guest.AddAsync(TestCatalog.Mug, 1);
        var (shopper, before) = await SeededShopperAsync();
        guestToken = guestToken == OverLong ? new string('x', 4097) : guestToken;

        var response = await shopper.PostJsonAsync(CartApi.Merge, new { guestToken });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["guestToken"], ErrorNames(problem));
        await AssertUnchangedAsync(shopper, before);
        await AssertUnchangedAsync(guest, guestBefore);
    }

    [Theory]
    [InlineData("page=100001", "page")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("page=0&pageSize=101", "page,pageSize")]
    public async Task ListProducts_WhenPagingIsOutOfRange_NamesEachParameter(string query, string fields)
    {
        var response = await fixture.Anonymous().GetAsync($"{Products}?{query}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(fields.Split(','), ErrorNames(problem));
    }

    [Fact]
    public async Task ListProducts_WhenSearchIsOver100Characters_ReturnsValidationFailedForSearch()
    {
        var response = await fixture.Anonymous().GetAsync($"{Products}?search={new string('x', 101)}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["search"], ErrorNames(problem));
    }

    /// <summary>A refused request leaves no Idempotency-Key record behind: the corrected retry runs.</summary>
    [Fact]
    public async Task AddItem_WhenRefusedWithAnIdempotencyKey_LetsTheCorrectedRetryRunUnderTheSameKey()
    {
        var (client, before) = await SeededShopperAsync();
        var key = $"fix-{Guid.NewGuid():N}";

        var refused = await client.SendAsync(Keyed(key, """{"sku":"SG-MUG","quantity":0}"""));
        await refused.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await AssertUnchangedAsync(client, before);
        var retried = await client.SendAsync(Keyed(key, """{"sku":"SG-MUG","quantity":1}"""));

        var cart = await retried.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, cart.Quantity(TestCatalog.Mug));
        Assert.Equal(before.Version() + 1, cart.Version());
    }

    private static HttpRequestMessage Keyed(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, CartApi.Items)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>A new shopper whose cart holds one line (2 Shirts), and that cart as the API returned it.</summary>
    private async Task<(HttpClient Client, JsonElement Before)> SeededShopperAsync()
    {
        var (client, _) = fixture.NewShopper();
        return (client, await client.AddAsync(TestCatalog.Shirt, 2));
    }

    private static async Task AssertUnchangedAsync(HttpClient owner, JsonElement before)
    {
        var after = await owner.GetCartAsync();
        Assert.Equal(before.Version(), after.Version());
        Assert.Equal(before.GetProperty("items").GetRawText(), after.GetProperty("items").GetRawText());
    }

    private static List<string> ErrorNames(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();

    private static List<string?> Messages(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteRequestRulesTests(SqliteApiFixture fixture) : RequestRulesTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresRequestRulesTests(PostgresApiFixture fixture) : RequestRulesTests(fixture);
