using System.Net;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>Whatever arrives as a bearer token, the answer is a 401 (or the public page), never a 500.</summary>
[Collection(nameof(SqliteApiCollection))]
public sealed class MalformedTokenTests(SqliteApiFixture fixture)
{
    [Theory]
    [InlineData("a.eyJcdWRjMDAiOjB9.b")]          // payload {"\udc00":0}: a name that is not text
    [InlineData("a.eyJpc3MiOiJcdWQ4MDAifQ.b")]    // payload {"iss":"\ud800"}
    [InlineData("a.!!!.b")]
    [InlineData("....")]
    [InlineData("x")]
    public async Task AnyRoute_WhenTheBearerTokenIsMalformed_Answers401OrIgnoresIt(string token)
    {
        var client = fixture.WithToken(token);

        var cart = await client.GetAsync(CartApi.Cart);
        var products = await client.GetAsync("/api/v1/products?pageSize=1");

        await cart.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
    }
}
