using Cart.Domain.Catalog;

namespace Cart.Tests.Fixtures;

/// <summary>The products every API test can rely on.</summary>
public static class TestCatalog
{
    public const string Shirt = "SG-SHIRT";        // SGD 29.99
    public const string Mug = "SG-MUG";            // SGD 12.50
    public const string Lamp = "SG-LAMP";          // SGD 45.00
    public const string Retired = "SG-RETIRED";    // inactive
    public const string Pho = "VN-PHO";            // VND 250000
    public const string BulkPrefix = "SG-BULK-";   // SG-BULK-001 .. SG-BULK-120, SGD 1.00

    public const decimal ShirtPrice = 29.99m;
    public const decimal MugPrice = 12.50m;
    public const int BulkCount = 120;

    public static IEnumerable<Product> Products(DateTimeOffset now)
    {
        yield return new Product(Shirt, "Cotton T-shirt", "https://img.test/shirt.jpg", ShirtPrice, "SGD", true, now);
        yield return new Product(Mug, "Kopi Mug", "https://img.test/mug.jpg", MugPrice, "SGD", true, now);
        yield return new Product(Lamp, "Rattan Lamp", null, 45.00m, "SGD", true, now);
        yield return new Product(Retired, "Retired Scarf", null, 9.90m, "SGD", false, now);
        yield return new Product(Pho, "Pho Bowl Set", null, 250000m, "VND", true, now);
        for (var i = 1; i <= BulkCount; i++)
        {
            yield return new Product(Bulk(i), $"Bulk item {i}", null, 1.00m, "SGD", true, now);
        }
    }

    public static string Bulk(int i) => $"{BulkPrefix}{i:000}";
}
