using System.Text.Json;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>Products with tracked stock, each test its own SKU so tests sharing a database never share stock.</summary>
public static class TestStock
{
    public const decimal Price = 5.00m;

    /// <summary>A new active SGD product with <paramref name="onHand"/> units on hand; returns its SKU.</summary>
    public static async Task<string> NewStockedProductAsync(this CartAppFactory factory, int onHand)
    {
        var sku = $"SG-STK-{Guid.NewGuid():N}"[..30];
        var now = factory.Clock.GetUtcNow();
        await factory.WithDbAsync(async db =>
        {
            db.Products().Add(new Product(sku, "Stocked item", null, Price, "SGD", true, now));
            db.Stock().Add(new StockItem(sku, onHand, now));
            await db.SaveChangesAsync();
        });
        return sku;
    }

    public static Task<string> NewStockedProductAsync(this ApiFixture fixture, int onHand) =>
        fixture.Factory.NewStockedProductAsync(onHand);

    /// <summary>A new active SGD product whose stock is not tracked (no stock row); returns its SKU.</summary>
    public static async Task<string> NewUntrackedProductAsync(this ApiFixture fixture)
    {
        var sku = $"SG-UNT-{Guid.NewGuid():N}"[..30];
        var now = fixture.Factory.Clock.GetUtcNow();
        await fixture.Factory.WithDbAsync(async db =>
        {
            db.Products().Add(new Product(sku, "Untracked item", null, Price, "SGD", true, now));
            await db.SaveChangesAsync();
        });
        return sku;
    }

    /// <summary>The SKU's stock row as stored: (on hand, reserved).</summary>
    public static Task<(int OnHand, int Reserved)> StockOfAsync(this CartAppFactory factory, string sku) =>
        factory.WithDbAsync(async db =>
        {
            var row = await db.Stock().AsNoTracking().SingleAsync(s => s.Sku == sku);
            return (row.OnHand, row.Reserved);
        });

    public static Task<(int OnHand, int Reserved)> StockOfAsync(this ApiFixture fixture, string sku) =>
        fixture.Factory.StockOfAsync(sku);

    /// <summary>
    /// The stock invariant, read in one go: units reserved are exactly the units of the SKU's active holds (lapsed
    /// ones included until released), and 0 ≤ reserved ≤ on hand. Returns the stock row.
    /// </summary>
    public static Task<(int OnHand, int Reserved)> AssertStockInvariantAsync(this ApiFixture fixture, string sku) =>
        fixture.Factory.AssertStockInvariantAsync(sku);

    /// <inheritdoc cref="AssertStockInvariantAsync(ApiFixture, string)"/>
    public static Task<(int OnHand, int Reserved)> AssertStockInvariantAsync(this CartAppFactory host, string sku) =>
        host.WithDbAsync(async db =>
        {
            // One statement, so one snapshot of the row and its holds.
            var row = await db.Stock().AsNoTracking().Where(s => s.Sku == sku)
                .Select(s => new
                {
                    s.OnHand,
                    s.Reserved,
                    Held = db.StockHolds().Where(h => h.Sku == s.Sku && h.Status == HoldStatus.Active)
                        .Sum(h => (int?)h.Quantity) ?? 0,
                })
                .SingleAsync();
            Assert.True(row.Held == row.Reserved,
                $"SKU {sku}: reserved {row.Reserved}, but its active holds add up to {row.Held}.");
            Assert.InRange(row.Reserved, 0, row.OnHand);
            return (row.OnHand, row.Reserved);
        });

    /// <summary>Every hold row of the SKU, by cart.</summary>
    public static Task<Dictionary<string, StockHold>> HoldsOfAsync(this ApiFixture fixture, string sku) =>
        fixture.Factory.WithDbAsync(db =>
            db.StockHolds().AsNoTracking().Where(h => h.Sku == sku).ToDictionaryAsync(h => h.CartId));

    /// <summary>Runs one expiry sweep on <paramref name="host"/>, as its schedule would; returns the holds released.</summary>
    public static async Task<int> SweepAsync(this CartAppFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HoldExpirySweep>().ReleaseLapsedAsync(CancellationToken.None);
    }

    /// <summary>The <c>hold</c> of the cart's line for <paramref name="sku"/>.</summary>
    public static JsonElement HoldOf(this JsonElement cart, string sku) =>
        cart.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("sku").GetString() == sku)
            .GetProperty("hold");

    public static string CartId(this JsonElement cart) => cart.GetProperty("cartId").GetString()!;

    public static string? Status(this JsonElement hold) => hold.GetProperty("status").GetString();

    /// <summary>The units a hold reserves; absent (untracked) reads as null.</summary>
    public static int? Units(this JsonElement hold) =>
        hold.TryGetProperty("quantity", out var quantity) ? quantity.GetInt32() : null;

    public static DateTimeOffset? ExpiresAt(this JsonElement hold) =>
        hold.TryGetProperty("expiresAt", out var at) ? at.GetDateTimeOffset() : null;
}
