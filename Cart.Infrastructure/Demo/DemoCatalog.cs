using System.Globalization;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;

namespace Cart.Infrastructure.Demo;

/// <summary>
/// A deterministic demo catalog: 1,200 products across the six markets, so a fresh machine has something to shop.
/// </summary>
public static class DemoCatalog
{
    public const int ProductsPerMarket = 200;

    private static readonly (string Country, string Currency, decimal MinPrice, decimal MaxPrice, int Decimals)[] Markets =
    [
        ("SG", "SGD", 3m, 400m, 2),
        ("MY", "MYR", 9m, 1200m, 2),
        ("TH", "THB", 79m, 9900m, 0),
        ("ID", "IDR", 25_000m, 4_000_000m, -3),
        ("VN", "VND", 39_000m, 6_000_000m, -3),
        ("PH", "PHP", 99m, 14_000m, 2),
    ];

    private static readonly string[] Kinds =
    [
        "Cotton T-shirt", "Batik Shirt", "Rattan Basket", "Silk Scarf", "Rice Cooker", "Sandals", "Backpack",
        "Phone Case", "Wireless Earbuds", "Water Bottle", "Coffee Beans", "Sarong", "Desk Lamp", "Yoga Mat",
        "Umbrella", "Tea Set", "Power Bank", "Notebook", "Sunscreen", "Sneakers",
    ];

    private static readonly string[] Qualifiers =
        ["Classic", "Tropical", "Urban", "Heritage", "Everyday", "Premium", "Travel", "Eco", "Mini", "Pro"];

    public static IEnumerable<Product> Products(DateTimeOffset now)
    {
        var random = new Random(20261125);
        foreach (var market in Markets)
        {
            for (var i = 1; i <= ProductsPerMarket; i++)
            {
                var kind = Kinds[(i - 1) % Kinds.Length];
                var qualifier = Qualifiers[(i - 1) / Kinds.Length % Qualifiers.Length];
                var raw = market.MinPrice + ((market.MaxPrice - market.MinPrice) * (decimal)random.NextDouble());
                var price = RoundPrice(raw, market.Decimals);
                var sku = string.Create(CultureInfo.InvariantCulture, $"{market.Country}-{i:0000}");
                // Every 50th product is delisted, so the catalog shows what an unavailable product looks like.
                var active = i % 50 != 0;
                yield return new Product(sku, $"{qualifier} {kind}", $"https://img.example.com/{sku}.jpg", price,
                    market.Currency, active, now);
            }
        }
    }

    /// <summary>
    /// Stock for the demo catalog, spread the way a marketplace's is: most products have plenty, every 7th only a
    /// handful (1 to 5 units, so a hold and an <c>insufficient_stock</c> are easy to see), every 10th is not tracked.
    /// </summary>
    public static IEnumerable<StockItem> Stock(DateTimeOffset now)
    {
        var random = new Random(20261130);
        foreach (var product in Products(now))
        {
            var number = int.Parse(product.Sku.AsSpan(3), CultureInfo.InvariantCulture);
            if (number % 10 == 0)
            {
                continue;
            }

            var onHand = number % 7 == 0 ? random.Next(1, 6) : random.Next(50, 501);
            yield return new StockItem(product.Sku, onHand, now);
        }
    }

    private static decimal RoundPrice(decimal value, int decimals) => decimals >= 0
        ? Math.Round(value, decimals, MidpointRounding.AwayFromZero)
        : Math.Round(value / 1000m, 0, MidpointRounding.AwayFromZero) * 1000m;
}
