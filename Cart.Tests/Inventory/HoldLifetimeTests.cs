using System.Net;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Inventory;

/// <summary>
/// A hold's run lasts at most its lifetime (60 minutes by default), however often its line changes: a bot that keeps
/// touching a line cannot keep its units for ever. The run's end is a real lapse (others may take the units); the
/// cart's line holds that SKU again only after a pause of one hold duration, even if removed and added again.
/// </summary>
public abstract class HoldLifetimeTests(ApiFixture fixture)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);

    private FakeTimeProvider Clock => fixture.Factory.Clock;

    [Fact]
    public async Task UpdateItem_WhenALineKeepsChanging_ItsHoldLapsesAtTheLifetimeAndComesBackOnlyAfterAPause()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (_, userId) = fixture.NewShopper();
        // A token lasts an hour: each step signs one valid at the clock's time.
        HttpClient Shopper() => fixture.WithToken(TestAuth.Shopper(userId, now: Clock.GetUtcNow()));
        var placed = Clock.GetUtcNow();
        await Shopper().AddAsync(sku, 2);
        for (var minute = 10; minute <= 50; minute += 10)
        {
            Clock.Advance(TimeSpan.FromMinutes(10));
            await Expect(Shopper().PutJsonAsync(CartApi.Item(sku), new { quantity = 2 + (minute / 10 % 2) }));
        }

        // The change at 50 minutes renewed the hold only up to the end of its lifetime, not for 15 minutes.
        var renewed = await Shopper().GetCartAsync();
        Assert.Equal(Seconds(placed + Lifetime), renewed.HoldOf(sku).ExpiresAt());

        Clock.Advance(TimeSpan.FromMinutes(11)); // 61 minutes: the run is over
        var changed = await Expect(Shopper().PutJsonAsync(CartApi.Item(sku), new { quantity = 4 }));
        await Expect(Shopper().DeleteAsync(CartApi.Item(sku)));
        var addedAgain = await Shopper().AddAsync(sku, 4);

        Assert.Equal("expired", changed.HoldOf(sku).Status());
        Assert.Equal(0, changed.HoldOf(sku).Units());
        Assert.Equal(4, addedAgain.Quantity(sku));
        Assert.Equal(0, addedAgain.HoldOf(sku).Units());
        await fixture.Factory.SweepAsync();
        Assert.Equal((10, 0), await fixture.AssertStockInvariantAsync(sku));

        Clock.Advance(TimeSpan.FromMinutes(15)); // 76 minutes: a pause of one hold duration since the run ended
        var afterPause = await Expect(Shopper().PutJsonAsync(CartApi.Item(sku), new { quantity = 3 }));

        Assert.Equal("held", afterPause.HoldOf(sku).Status());
        Assert.Equal(3, afterPause.HoldOf(sku).Units());
        Assert.Equal(HoldHosts.ExpiryShownFor(Clock.GetUtcNow()), afterPause.HoldOf(sku).ExpiresAt());
        Assert.Equal((10, 3), await fixture.AssertStockInvariantAsync(sku));
    }

    [Fact]
    public async Task UpdateItem_WhenALineChangesWithinTheLifetime_ItsHoldIsRenewedForTheFullDuration()
    {
        var sku = await fixture.NewStockedProductAsync(10);
        var (client, _) = fixture.NewShopper();
        await client.AddAsync(sku, 2);
        Clock.Advance(TimeSpan.FromMinutes(44));

        var changed = await Expect(client.PutJsonAsync(CartApi.Item(sku), new { quantity = 3 }));

        Assert.Equal(HoldHosts.ExpiryShownFor(Clock.GetUtcNow()), changed.HoldOf(sku).ExpiresAt());
        Assert.Equal(3, changed.HoldOf(sku).Units());
    }

    private static async Task<System.Text.Json.JsonElement> Expect(Task<HttpResponseMessage> response) =>
        await (await response).ExpectAsync(HttpStatusCode.OK);

    /// <summary>A time as the API writes it: to the second.</summary>
    private static DateTimeOffset Seconds(DateTimeOffset time) =>
        time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));
}

[Collection(nameof(SqliteHoldsCollection))]
public sealed class SqliteHoldLifetimeTests(SqliteHoldsFixture fixture) : HoldLifetimeTests(fixture);

[Collection(nameof(PostgresHoldsCollection))]
public sealed class PostgresHoldLifetimeTests(PostgresHoldsFixture fixture) : HoldLifetimeTests(fixture);
