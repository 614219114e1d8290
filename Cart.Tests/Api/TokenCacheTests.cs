using System.Net;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>Validated tokens are remembered for speed, never past the moment they stop being valid.</summary>
[Collection(nameof(SqliteApiCollection))]
public sealed class TokenCacheTests(SqliteApiFixture fixture)
{
    [Fact]
    public async Task GetCart_WhenARememberedTokenExpires_IsRefusedFromThenOn()
    {
        await using var host = fixture.AnotherInstance();
        var now = host.Clock.GetUtcNow();
        var token = TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience, TestAuth.SigningKey, ApiFixture.NewUserId(),
            now.AddMinutes(2), notBefore: now.AddMinutes(-1));
        var client = host.ClientWithToken(token);
        await (await client.GetAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK); // served by the remembered check

        host.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(31)); // past expiry and the 30 s skew
        var response = await client.GetAsync(CartApi.Cart);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task GetCart_WhenATokenIsAlteredAfterBeingRemembered_TheAlteredOneIsRefused()
    {
        var userId = ApiFixture.NewUserId();
        var token = TestAuth.Shopper(userId);
        await (await fixture.WithToken(token).GetAsync(CartApi.Cart)).ExpectAsync(HttpStatusCode.OK);
        var parts = token.Split('.');
        var forgedPayload = parts[1].Replace(parts[1][^2..], parts[1][^2] == 'A' ? "Bw" : "Aw", StringComparison.Ordinal);

        var response = await fixture.WithToken($"{parts[0]}.{forgedPayload}.{parts[2]}").GetAsync(CartApi.Cart);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
