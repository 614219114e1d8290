using System.Net;
using System.Text.Json;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>
/// Bodies the contract refuses (API.md, "Rules"): unknown, duplicated, missing or differently cased fields, and what
/// the serializer cannot read, each named by its field in the contract's words; the cart is left as it was.
/// </summary>
public abstract class BadJsonBodyTests(ApiFixture fixture) : BadInputTestBase(fixture)
{
    [Theory]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"foo":1}""", "foo")]
    [InlineData("""{"sku":"SG-MUG","sku":"SG-LAMP","quantity":1}""", "sku")]
    [InlineData("""{"sku":"SG-MUG"}""", "quantity")]
    [InlineData("""{"quantity":1}""", "sku")]
    public async Task AddItem_WhenFieldsAreUnknownDuplicatedOrMissing_ReturnsValidationFailed(string body,
        string field)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        AssertErrorsName(problem, field);
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>The contract's field names are exact: another spelling is an unknown field, never bound.</summary>
    [Theory]
    [InlineData("""{"SKU":"SG-MUG","quantity":1}""", "SKU")]
    [InlineData("""{"sku":"SG-MUG","Quantity":1}""", "Quantity")]
    public async Task AddItem_WhenAFieldNameDiffersInCase_ReturnsValidationFailedNamingItAsUnknown(string body,
        string field)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var messages = problem.GetProperty("errors").GetProperty(field);
        Assert.Contains("is not a field of this request", messages[0].GetString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>
    /// A body the serializer refuses is reported by the field at fault, in the contract's names. The keys stay what
    /// clients already see, whatever wording the serializer uses.
    /// </summary>
    [Theory]
    [InlineData("""{"sku":""", "sku")]                                                  // cut short inside sku
    [InlineData("""{"sku":"SG-MUG","quantity":1} x""", "body")]                         // trailing garbage
    [InlineData("""{"sku":"SG-MUG","quantity":1}}""", "body")]
    [InlineData("""[{"sku":"SG-MUG","quantity":1}]""", "body")]                         // not an object
    [InlineData("5", "body")]
    [InlineData("""{"sku":"SG-MUG","quantity":null}""", "quantity")]
    [InlineData("""{"sku":null,"quantity":1}""", "sku")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"a b":1}""", "a b")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"x.y":1}""", "x.y")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"a":"b","a":"c"}}""", "variant.a")]
    [InlineData("{}", "sku")]
    [InlineData("{}", "quantity")]
    public async Task AddItem_WhenTheSerializerRefusesTheBody_NamesTheFieldAtFault(string body, string field)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        await AssertUnchangedAsync(client, before);
    }

    /// <summary>Each kind of refusal is told in words of the contract, never the serializer's (.NET types).</summary>
    [Theory]
    [InlineData("""{"sku":"SG-MUG","quantity":""", "quantity", "not valid JSON")]
    [InlineData("""{"sku":"SG-MUG","quantity":1} x""", "body", "not valid JSON")]
    [InlineData("""[{"sku":"SG-MUG","quantity":1}]""", "body", "JSON object")]
    [InlineData("""{"sku":"SG-MUG","quantity":"2"}""", "quantity", "wrong type")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"foo":1}""", "foo", "not a field of this request")]
    [InlineData("""{"sku":"SG-MUG","sku":"SG-LAMP","quantity":1}""", "sku", "more than once")]
    [InlineData("""{"sku":"SG-MUG","quantity":1,"variant":{"a":"b","a":"c"}}""", "variant.a", "more than once")]
    [InlineData("""{"sku":null,"quantity":1}""", "sku", "null")]
    [InlineData("""{"sku":"SG-MUG"}""", "quantity", "required")]
    public async Task AddItem_WhenTheSerializerRefusesTheBody_SaysWhatIsWrongInTheContractsWords(string body,
        string field, string says)
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items, body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains(says, message, StringComparison.Ordinal);
        Assert.Equal(message, problem.GetProperty("detail").GetString());
        Assert.DoesNotMatch(@"\.NET|System\.|Cart\.Web|AddItemRequest|JSON property|Path:", message);
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task AddItem_WhenAFieldNameIsEmpty_ReturnsValidationFailedWithAReadableDetail()
    {
        var (client, before) = await SeededShopperAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items,
            """{"":1,"sku":"SG-MUG","quantity":1}""");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        var error = Assert.Single(errors.EnumerateObject());
        Assert.Equal("", error.Name);
        Assert.Equal("A field with an empty name is not a field of this request.", error.Value[0].GetString());
        Assert.Equal(error.Value[0].GetString(), problem.GetProperty("detail").GetString());
        await AssertUnchangedAsync(client, before);
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteBadJsonBodyTests(SqliteApiFixture fixture) : BadJsonBodyTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresBadJsonBodyTests(PostgresApiFixture fixture) : BadJsonBodyTests(fixture);
