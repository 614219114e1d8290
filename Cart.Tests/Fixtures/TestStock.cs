using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Microsoft.EntityFrameworkCore;

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
            db.Products.Add(new Product(sku, "Stocked item", null, Price, "SGD", true, now));
            db.Stock.Add(new StockItem(sku, onHand, now));
            await db.SaveChangesAsync();
        });
        return sku;
    }

    public static Task<string> NewStockedProductAsync(this ApiFixture fixture, int onHand) =>
        fixture.Factory.NewStockedProductAsync(onHand);

    /// <summary>The SKU's stock row as stored: (on hand, reserved).</summary>
    public static Task<(int OnHand, int Reserved)> StockOfAsync(this CartAppFactory factory, string sku) =>
        factory.WithDbAsync(async db =>
        {
            var row = await db.Stock.AsNoTracking().SingleAsync(s => s.Sku == sku);
            return (row.OnHand, row.Reserved);
        });

    public static Task<(int OnHand, int Reserved)> StockOfAsync(this ApiFixture fixture, string sku) =>
        fixture.Factory.StockOfAsync(sku);
}
