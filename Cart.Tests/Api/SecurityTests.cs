using System.Net;
using System.Text.Json;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>
/// Who may touch which cart (API.md, "Identity"): the owner always comes from a valid token, query parameters never
/// name someone else's cart, bad tokens change nothing, and problem documents leak no internals.
/// </summary>
public abstract class SecurityTests(ApiFixture fixture)
{
    private const string GetCart = "GET /cart";
    private const string AddItem = "POST /cart/items";
    private const string UpdateItem = "PUT /cart/items/{sku}";
    private const string RemoveItem = "DELETE /cart/items/{sku}";
    private const string ClearCart = "DELETE /cart";
    private const string MergeCart = "POST /cart/merge";
    private const string AcceptPrices = "POST /cart/prices/accept";
    private const string DevTokens = "/api/v1/dev/tokens";
    private const string OtherKey = "an-attackers-signing-key-0123456789-abcdefghij";

    private static readonly string[] Routes = [GetCart, AddItem, UpdateItem, RemoveItem, ClearCart, MergeCart, AcceptPrices];

    public static TheoryData<string> CartRoutes => new(Routes);

    public static TheoryData<string, string> CartRoutesWithOwnerParameter
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var route in Routes)
            {
                data.Add(route, "userId");
                data.Add(route, "user_id");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CartRoutesWithOwnerParameter))]
    public async Task CartRoute_WhenOwnerParameterNamesAnotherUser_ReturnsForbiddenAndChangesNoCart(string route,
        string parameter)
    {
        var (caller, _) = fixture.NewShopper();
        var (victim, victimId) = fixture.NewShopper();
        var callerBefore = await caller.AddAsync(TestCatalog.Shirt, 1);
        var victimBefore = await victim.AddAsync(TestCatalog.Shirt, 1);

        var response = await CallAsync(caller, route, $"?{parameter}={Uri.EscapeDataString(victimId)}");

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await AssertUnchangedAsync(victim, victimBefore);
        await AssertUnchangedAsync(caller, callerBefore);
    }

    [Theory]
    [MemberData(nameof(CartRoutesWithOwnerParameter))]
    public async Task CartRoute_WhenOwnerParameterNamesTheCaller_IsAccepted(string route, string parameter)
    {
        var (caller, callerId) = fixture.NewShopper();
        await caller.AddAsync(TestCatalog.Shirt, 1);

        var response = await CallAsync(caller, route, $"?{parameter}={Uri.EscapeDataString(callerId)}");

        var cart = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(callerId, cart.GetProperty("owner").GetProperty("id").GetString());
    }

    [Fact]
    public async Task GuestCart_WhenAnotherGuestNamesItsSession_ReturnsForbiddenAndShowsOnlyItsOwnCart()
    {
        var (guestA, _, sessionA) = await fixture.NewGuestAsync();
        var aBefore = await guestA.AddAsync(TestCatalog.Shirt, 1);
        var (guestB, _, sessionB) = await fixture.NewGuestAsync();

        var own = await guestB.GetCartAsync();
        var read = await guestB.GetAsync($"{CartApi.Cart}?userId={sessionA}");
        var write = await guestB.PostJsonAsync($"{CartApi.Items}?userId={sessionA}",
            new { sku = TestCatalog.Mug, quantity = 1 });

        Assert.Equal(sessionB, own.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal("guest", own.GetProperty("owner").GetProperty("kind").GetString());
        Assert.Empty(own.GetProperty("items").EnumerateArray());
        await read.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await write.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await AssertUnchangedAsync(guestA, aBefore);
        Assert.Empty((await guestB.GetCartAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task GuestToken_WhenResignedWithAnotherKey_ReturnsUnauthenticatedAndChangesNothing()
    {
        var (guest, _, sessionId) = await fixture.NewGuestAsync();
        var before = await guest.AddAsync(TestCatalog.Shirt, 1);
        var forger = fixture.WithToken(
            TestAuth.Sign(TestAuth.GuestIssuer, TestAuth.Audience, OtherKey, sessionId, fixture.Factory.Clock.GetUtcNow().AddHours(1)));

        var read = await forger.GetAsync(CartApi.Cart);
        var write = await forger.DeleteAsync(CartApi.Cart);

        await read.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await write.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await AssertUnchangedAsync(guest, before);
    }

    [Theory]
    [MemberData(nameof(CartRoutes))]
    public async Task CartRoute_WhenNoToken_ReturnsUnauthenticatedWithBearerChallenge(string route)
    {
        var (owner, ownerId) = fixture.NewShopper();
        var before = await owner.AddAsync(TestCatalog.Shirt, 1);

        var response = await CallAsync(fixture.Anonymous(), route, $"?userId={Uri.EscapeDataString(ownerId)}");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await AssertUnchangedAsync(owner, before);
    }

    [Theory]
    [InlineData("alg none")]
    [InlineData("expired 5 minutes ago")]
    [InlineData("expired 60 seconds ago")]
    [InlineData("wrong issuer")]
    [InlineData("wrong audience")]
    [InlineData("re-signed with another key")]
    [InlineData("guest issuer signed with the shopper key")]
    [InlineData("shopper token signed with the guest key")]
    [InlineData("garbage")]
    public async Task CartRoutes_WhenTokenIsNotValid_ReturnUnauthenticatedAndChangeNothing(string kind)
    {
        var (shopper, userId) = fixture.NewShopper();
        var (guest, _, sessionId) = await fixture.NewGuestAsync();
        var shopperBefore = await shopper.AddAsync(TestCatalog.Shirt, 1);
        var guestBefore = await guest.AddAsync(TestCatalog.Shirt, 1);
        var attacker = fixture.WithToken(BadToken(kind, userId, sessionId));

        foreach (var route in Routes)
        {
            var response = await CallAsync(attacker, route);

            await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }

        await AssertUnchangedAsync(shopper, shopperBefore);
        await AssertUnchangedAsync(guest, guestBefore);
    }

    [Fact]
    public async Task GetCart_WhenTokenExpiredWithinClockSkew_IsAccepted()
    {
        var userId = ApiFixture.NewUserId();
        var client = fixture.WithToken(TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience, TestAuth.SigningKey, userId,
            fixture.Factory.Clock.GetUtcNow().AddSeconds(-10)));

        var cart = await (await client.GetAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(userId, cart.GetProperty("owner").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("price")]
    [InlineData("unitPrice")]
    [InlineData("currentUnitPrice")]
    [InlineData("lineTotal")]
    public async Task AddItem_WhenBodyCarriesAPrice_ReturnsValidationFailedNamingTheField(string field)
    {
        var (client, _) = fixture.NewShopper();
        var before = await client.AddAsync(TestCatalog.Shirt, 1);

        var response = await client.SendRawAsync(HttpMethod.Post, CartApi.Items,
            $$"""{"sku":"{{TestCatalog.Mug}}","quantity":1,"{{field}}":0.01}""");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task Merge_WhenCallerIsAGuest_ReturnsForbiddenAndChangesNothing()
    {
        var (guest, guestToken, _) = await fixture.NewGuestAsync();
        var before = await guest.AddAsync(TestCatalog.Shirt, 1);

        var response = await guest.PostJsonAsync(CartApi.Merge, new { guestToken });

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await AssertUnchangedAsync(guest, before);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("expired")]
    [InlineData("signed with the wrong key")]
    [InlineData("shopper token naming the guest session")]
    [InlineData("the caller's own shopper token")]
    public async Task Merge_WhenGuestTokenIsNotValid_ReturnsInvalidGuestTokenAndChangesNothing(string kind)
    {
        var (shopper, userId) = fixture.NewShopper();
        var (guest, _, sessionId) = await fixture.NewGuestAsync();
        var shopperBefore = await shopper.AddAsync(TestCatalog.Shirt, 1);
        var guestBefore = await guest.AddAsync(TestCatalog.Lamp, 1);
        var expires = fixture.Factory.Clock.GetUtcNow().AddHours(1);
        var guestToken = kind switch
        {
            "garbage" => "not.a.token",
            "expired" => TestAuth.Sign(TestAuth.GuestIssuer, TestAuth.Audience, TestAuth.GuestSigningKey, sessionId,
                fixture.Factory.Clock.GetUtcNow().AddMinutes(-5)),
            "signed with the wrong key" => TestAuth.Sign(TestAuth.GuestIssuer, TestAuth.Audience, OtherKey, sessionId,
                expires),
            "shopper token naming the guest session" => TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience,
                TestAuth.SigningKey, sessionId, expires),
            "the caller's own shopper token" => TestAuth.Shopper(userId),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var response = await shopper.PostJsonAsync(CartApi.Merge, new { guestToken });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_guest_token");
        await AssertUnchangedAsync(shopper, shopperBefore);
        await AssertUnchangedAsync(guest, guestBefore);
    }

    [Fact]
    public async Task DevTokens_WhenDemoTokensAreOff_ReturnsNotFound()
    {
        var response = await fixture.Anonymous().PostJsonAsync(DevTokens, new { userId = ApiFixture.NewUserId() });

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("no token", HttpStatusCode.Unauthorized, "unauthenticated")]
    [InlineData("another owner", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("malformed json", HttpStatusCode.BadRequest, "validation_failed")]
    [InlineData("bad page", HttpStatusCode.BadRequest, "validation_failed")]
    [InlineData("unknown product", HttpStatusCode.NotFound, "product_not_found")]
    [InlineData("body too large", HttpStatusCode.RequestEntityTooLarge, "payload_too_large")]
    [InlineData("unknown sku", HttpStatusCode.UnprocessableEntity, "unknown_sku")]
    [InlineData("missing field", HttpStatusCode.BadRequest, "validation_failed")]
    public async Task Problem_WhenReturned_CarriesTraceIdAndNoInternals(string kind, HttpStatusCode status, string code)
    {
        var (shopper, _) = fixture.NewShopper();
        var response = kind switch
        {
            "no token" => await fixture.Anonymous().GetAsync(CartApi.Cart),
            "another owner" => await shopper.GetAsync($"{CartApi.Cart}?userId={ApiFixture.NewUserId()}"),
            "malformed json" => await shopper.SendRawAsync(HttpMethod.Post, CartApi.Items, """{"sku":"""),
            "bad page" => await fixture.Anonymous().GetAsync("/api/v1/products?page=abc"),
            "unknown product" => await fixture.Anonymous().GetAsync("/api/v1/products/NOPE-404"),
            "body too large" => await shopper.SendRawAsync(HttpMethod.Post, CartApi.Items,
                $$$"""{"sku":"{{{TestCatalog.Mug}}}","quantity":1,"variant":{"note":"{{{new string('x', 17 * 1024)}}}"}}"""),
            "missing field" => await shopper.SendRawAsync(HttpMethod.Post, CartApi.Items,
                $$"""{"sku":"{{TestCatalog.Mug}}"}"""),
            "unknown sku" => await shopper.PostJsonAsync(CartApi.Items, new { sku = "NO-SUCH-SKU", quantity = 1 }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var problem = await response.ExpectProblemAsync(status, code);
        var raw = problem.GetRawText();

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()), raw);
        Assert.DoesNotContain(MemberNames(problem), n =>
            n.Contains("exception", StringComparison.OrdinalIgnoreCase) ||
            n.Contains("stack", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Exception", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(Cart\.(Web|Domain|Infrastructure)|System|Microsoft)\.[A-Z]", raw);
    }

    /// <summary>Calls a cart route as <paramref name="client"/>; writes aim at a cart holding one Shirt line.</summary>
    private async Task<HttpResponseMessage> CallAsync(HttpClient client, string route, string query = "") =>
        route switch
        {
            GetCart => await client.GetAsync(CartApi.Cart + query),
            AddItem => await client.PostJsonAsync(CartApi.Items + query, new { sku = TestCatalog.Mug, quantity = 1 }),
            UpdateItem => await client.PutJsonAsync(CartApi.Item(TestCatalog.Shirt) + query, new { quantity = 5 }),
            RemoveItem => await client.DeleteAsync(CartApi.Item(TestCatalog.Shirt) + query),
            ClearCart => await client.DeleteAsync(CartApi.Cart + query),
            MergeCart => await client.PostJsonAsync(CartApi.Merge + query,
                new { guestToken = await GuestTokenWithALampAsync() }),
            AcceptPrices => await client.PostJsonAsync(CartApi.AcceptPrices + query, new { }),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };

    /// <summary>A valid guest token whose cart holds a line, so a merge that went through would show.</summary>
    private async Task<string> GuestTokenWithALampAsync()
    {
        var (guest, token, _) = await fixture.NewGuestAsync();
        await guest.AddAsync(TestCatalog.Lamp, 1);
        return token;
    }

    private string BadToken(string kind, string userId, string guestSessionId)
    {
        var valid = fixture.Factory.Clock.GetUtcNow().AddHours(1);
        return kind switch
        {
            "alg none" => TestAuth.AlgNone(userId),
            "expired 5 minutes ago" => TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience, TestAuth.SigningKey, userId,
                fixture.Factory.Clock.GetUtcNow().AddMinutes(-5)),
            "expired 60 seconds ago" => TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience, TestAuth.SigningKey, userId,
                fixture.Factory.Clock.GetUtcNow().AddSeconds(-60)),
            "wrong issuer" => TestAuth.Sign("https://id.evil.example", TestAuth.Audience, TestAuth.SigningKey, userId,
                valid),
            "wrong audience" => TestAuth.Sign(TestAuth.Issuer, "another-api", TestAuth.SigningKey, userId, valid),
            "re-signed with another key" => TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience, OtherKey, userId, valid),
            "guest issuer signed with the shopper key" => TestAuth.Sign(TestAuth.GuestIssuer, TestAuth.Audience,
                TestAuth.SigningKey, guestSessionId, valid),
            "shopper token signed with the guest key" => TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience,
                TestAuth.GuestSigningKey, userId, valid),
            "garbage" => "this-is-not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>Reads the owner's cart again and asserts that neither its version nor its lines moved.</summary>
    private static async Task AssertUnchangedAsync(HttpClient owner, JsonElement before)
    {
        var after = await owner.GetCartAsync();
        Assert.Equal(before.Version(), after.Version());
        Assert.Equal(before.GetProperty("items").GetRawText(), after.GetProperty("items").GetRawText());
    }

    private static IEnumerable<string> MemberNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => MemberNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(MemberNames),
        _ => [],
    };
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteSecurityTests(SqliteApiFixture fixture) : SecurityTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresSecurityTests(PostgresApiFixture fixture) : SecurityTests(fixture);
