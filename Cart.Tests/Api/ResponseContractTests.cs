using System.Text;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>The check every API test's responses go through fails on what the document does not promise.</summary>
[Collection(nameof(SqliteApiCollection))]
public sealed class ResponseContractTests(SqliteApiFixture fixture)
{
    private const string Cart = """
        {"cartId": "c_1", "owner": {"kind": "user", "id": "user_1"}, "currency": "SGD", "version": 3, "items": [],
         "totalItems": 0, "subtotal": 0, "updatedAt": "2026-11-24T18:30:00Z"}
        """;

    [Fact]
    public async Task Check_WhenTheCartMatchesTheDocument_Passes()
    {
        var contract = await CheckedClients.ContractOf(fixture.Factory);

        Assert.Null(contract.Check("GET", "/api/v1/cart", 200, "application/json", Encoding.UTF8.GetBytes(Cart)));
    }

    [Fact]
    public async Task Check_WhenTheCartLacksItsVersion_FailsNamingTheOperationAndTheField()
    {
        var contract = await CheckedClients.ContractOf(fixture.Factory);
        var withoutVersion = Cart.Replace("\"version\": 3,", "", StringComparison.Ordinal);

        var failure = contract.Check("GET", "/api/v1/cart", 200, "application/json", Encoding.UTF8.GetBytes(withoutVersion));

        Assert.NotNull(failure);
        Assert.Contains("GetCart", failure, StringComparison.Ordinal);
        Assert.Contains("version", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenAQuantityIsAString_Fails()
    {
        var contract = await CheckedClients.ContractOf(fixture.Factory);
        var item = """{"sku": "SG-1", "name": "Lamp", "imageUrl": null, "variant": {}, "quantity": "2", "unitPrice": 1,""" +
                   """ "currentUnitPrice": 1, "priceChanged": false, "lineTotal": 2, "hold": {"status": "none"},""" +
                   """ "addedAt": "2026-11-24T18:30:00Z", "updatedAt": "2026-11-24T18:30:00Z"}""";
        var cart = Cart.Replace("\"items\": []", $"\"items\": [{item}]", StringComparison.Ordinal);

        var failure = contract.Check("PUT", "/api/v1/cart/items/SG-1", 200, "application/json", Encoding.UTF8.GetBytes(cart));

        Assert.NotNull(failure);
        Assert.Contains("/items/0/quantity", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenTheStatusIsNotDocumented_Fails()
    {
        var contract = await CheckedClients.ContractOf(fixture.Factory);
        var problem = """{"type": "about:blank", "title": "Gone", "status": 410, "code": "not_found"}""";

        var failure = contract.Check("GET", "/api/v1/cart", 410, "application/problem+json", Encoding.UTF8.GetBytes(problem));

        Assert.NotNull(failure);
        Assert.Contains("410", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenAProblemHasAnUnknownCode_Fails()
    {
        var contract = await CheckedClients.ContractOf(fixture.Factory);
        var problem = """{"type": "about:blank", "title": "Oops", "status": 404, "code": "no_such_code"}""";

        var failure = contract.Check("DELETE", "/api/v1/cart/items/SG-1", 404, "application/problem+json",
            Encoding.UTF8.GetBytes(problem));

        Assert.NotNull(failure);
        Assert.Contains("code", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenASuccessComesFromAnUndocumentedRoute_Fails()
    {
        var contract = await CheckedClients.ContractOf(fixture.Factory);

        var failure = contract.Check("GET", "/api/v1/invoices/i_1", 200, "application/json", "{}"u8);

        Assert.NotNull(failure);
        Assert.Contains("no such operation", failure, StringComparison.Ordinal);
    }
}
