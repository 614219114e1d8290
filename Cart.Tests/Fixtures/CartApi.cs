using System.Net;
using System.Text.Json;

namespace Cart.Tests.Fixtures;

/// <summary>The storefront routes, called as a client would, asserting success.</summary>
public static class CartApi
{
    public const string Cart = "/api/v1/cart";
    public const string Items = "/api/v1/cart/items";
    public const string Merge = "/api/v1/cart/merge";
    public const string AcceptPrices = "/api/v1/cart/prices/accept";
    public const string Checkout = "/api/v1/cart/checkout";
    public const string GuestSessions = "/api/v1/guest-sessions";

    public static string Item(string sku) => $"{Items}/{Uri.EscapeDataString(sku)}";

    public static async Task<JsonElement> GetCartAsync(this HttpClient client) =>
        await (await client.GetAsync(Cart)).ExpectAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> AddAsync(this HttpClient client, string sku, int quantity) =>
        await (await client.PostJsonAsync(Items, new { sku, quantity })).ExpectAsync(HttpStatusCode.OK);

    /// <summary>A checkout with its Idempotency-Key (keys are the caller's own, so a test's shopper can reuse names).</summary>
    public static HttpRequestMessage CheckoutRequest(string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Checkout);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>Starts a guest session through the API; returns a client holding its token, and the token.</summary>
    public static Task<(HttpClient Client, string Token, string SessionId)> NewGuestAsync(this ApiFixture fixture) =>
        fixture.Factory.NewGuestAsync();

    /// <summary>Starts a guest session on <paramref name="host"/>; returns a client holding its token, and the token.</summary>
    public static async Task<(HttpClient Client, string Token, string SessionId)> NewGuestAsync(
        this CartAppFactory host)
    {
        var session = await (await host.ClientWithoutRedirects().PostAsync(GuestSessions, null))
            .ExpectAsync(HttpStatusCode.Created);
        var token = session.GetProperty("token").GetString()!;
        return (host.ClientWithToken(token), token, session.GetProperty("sessionId").GetString()!);
    }
}
