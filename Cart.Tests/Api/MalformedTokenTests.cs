using System.Net;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>Whatever arrives as a bearer token, the answer is a 401 (or the public page), never a 500.</summary>
public abstract class MalformedTokenTests(ApiFixture fixture)
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

    /// <summary>The subject becomes the cart's owner, stored as text: a control character in it (PostgreSQL cannot
    /// store a NUL) makes the token not valid, for shopper and guest tokens alike, on every cart route.</summary>
    [Theory]
    [InlineData("user_\u0000", false)]
    [InlineData("user_\u0001x", false)]
    [InlineData("user\t1", false)]
    [InlineData("user_\u007f", false)]
    [InlineData("g_\u0000abc", true)]
    [InlineData("g_abc\n", true)]
    public async Task CartRoutes_WhenTheSubjectHoldsAControlCharacter_Answer401(string subject, bool guest)
    {
        var token = guest
            ? TestAuth.Guest(subject)
            : TestAuth.Shopper(subject, now: fixture.Factory.Clock.GetUtcNow());
        var client = fixture.WithToken(token);
        var requests = new (HttpMethod Method, string Url, string? Body)[]
        {
            (HttpMethod.Get, CartApi.Cart, null),
            (HttpMethod.Post, CartApi.Items, $$"""{"sku":"{{TestCatalog.Mug}}","quantity":1}"""),
            (HttpMethod.Put, CartApi.Item(TestCatalog.Mug), """{"quantity":2}"""),
            (HttpMethod.Delete, CartApi.Item(TestCatalog.Mug), null),
            (HttpMethod.Delete, CartApi.Cart, null),
            (HttpMethod.Post, CartApi.AcceptPrices, "{}"),
            (HttpMethod.Post, CartApi.Checkout, null),
            (HttpMethod.Get, "/api/v1/orders/o_1", null),
        };

        foreach (var (method, url, body) in requests)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            var response = await client.SendAsync(request);

            await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        }
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteMalformedTokenTests(SqliteApiFixture fixture) : MalformedTokenTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresMalformedTokenTests(PostgresApiFixture fixture) : MalformedTokenTests(fixture);
