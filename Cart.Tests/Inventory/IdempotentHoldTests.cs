using System.Net;
using System.Text;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Inventory;

/// <summary>A retried add carrying the same Idempotency-Key replays the first answer: stock is reserved once.</summary>
public abstract class IdempotentHoldTests(ApiFixture fixture)
{
    [Fact]
    public async Task AddItem_WhenReplayedWithTheSameIdempotencyKey_ReservesOnce()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        var key = $"key-{Guid.NewGuid():N}";

        var first = await client.SendAsync(Add(key, sku, 3));
        var replay = await client.SendAsync(Add(key, sku, 3));

        var cart = await first.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(cart.GetRawText(), (await replay.ExpectAsync(HttpStatusCode.OK)).GetRawText());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(3, (await client.GetCartAsync()).HoldOf(sku).Units());
        Assert.Equal((10, 3), await fixture.AssertStockInvariantAsync(sku));
    }

    private static HttpRequestMessage Add(string key, string sku, int quantity) =>
        new(HttpMethod.Post, CartApi.Items)
        {
            Headers = { { "Idempotency-Key", key } },
            Content = new StringContent($"{{\"sku\":\"{sku}\",\"quantity\":{quantity}}}", Encoding.UTF8, "application/json"),
        };
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteIdempotentHoldTests(SqliteHoldsFixture fixture) : IdempotentHoldTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresIdempotentHoldTests(PostgresHoldsFixture fixture) : IdempotentHoldTests(fixture);
