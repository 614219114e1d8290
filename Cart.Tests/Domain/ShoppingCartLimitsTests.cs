using Cart.Domain.Carts;
using Cart.Domain.Common;
using static Cart.Tests.Domain.CartTestData;

namespace Cart.Tests.Domain;

/// <summary>
/// The limits of API.md ("Rules, Limits") as the aggregate enforces them. Every refusal is checked through
/// <see cref="CartTestData.Refused"/>, which also asserts the cart is exactly as it was before (all or nothing).
/// </summary>
public sealed class ShoppingCartLimitsTests
{
    /// <summary>A cart with one SGD line (Shirt × 2 with a variant) at version 1: something a refusal could damage.</summary>
    private static ShoppingCart CartWithShirt()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt, 29.99m), 2, Variant(("size", "M")), T1);
        return cart;
    }

    [Theory]
    [InlineData(0, Shirt)]
    [InlineData(-1, Shirt)]
    [InlineData(1000, Shirt)]
    [InlineData(0, Mug)]
    [InlineData(-1, Mug)]
    [InlineData(1000, Mug)]
    public void AddItem_WhenQuantityOutOfRange_ReturnsValidationFailedOnQuantity(int quantity, string sku)
    {
        var cart = CartWithShirt();

        var error = Refused(cart, () => cart.AddItem(Product(sku), quantity, null, T2));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("quantity", error.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    public void AddItem_WhenQuantityAtBounds_Accepts(int quantity)
    {
        var cart = ShopperCart();

        var line = cart.AddItem(Product(Mug), quantity, null, T1);

        Assert.Equal(quantity, line.Quantity);
    }

    [Theory]
    [InlineData(998, 2)]
    [InlineData(1, 999)]
    [InlineData(999, 1)]
    public void AddItem_WhenLineWouldGrowPast999_ReturnsValidationFailedOnQuantity(int existing, int added)
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), existing, null, T1);

        var error = Refused(cart, () => cart.AddItem(Product(Shirt), added, null, T2));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("quantity", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void SetQuantity_WhenQuantityOutOfRange_ReturnsValidationFailedOnQuantity(int quantity)
    {
        var cart = CartWithShirt();

        var error = Refused(cart, () => cart.SetQuantity(Shirt, quantity, T2));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("quantity", error.Field);
    }

    [Fact]
    public void AddItem_When101stLine_ReturnsCartFull()
    {
        var cart = CartWithLines(CartLimits.MaxLines);

        var error = Refused(cart, () => cart.AddItem(Product(Shirt), 1, null, T2));

        Assert.Equal(ErrorCodes.CartFull, error.Code);
    }

    [Fact]
    public void AddItem_When100thLine_Accepts()
    {
        var cart = CartWithLines(CartLimits.MaxLines - 1);

        cart.AddItem(Product(Shirt), 1, null, T2);

        Assert.Equal(CartLimits.MaxLines, cart.Lines.Count);
    }

    [Fact]
    public void AddItem_WhenCartIsFullAndLineExists_GrowsTheLine()
    {
        var cart = CartWithLines(CartLimits.MaxLines);

        var line = cart.AddItem(Bulk(1), 4, null, T2);

        Assert.Equal(5, line.Quantity);
        Assert.Equal(CartLimits.MaxLines, cart.Lines.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SG SHIRT")]
    [InlineData("SG-SHIRT!")]
    [InlineData("SG/SHIRT")]
    [InlineData("SG-ÄPFEL")]
    [InlineData("A12345678901234567890123456789012345678901234567890123456789012345")] // 65 characters
    public void AddItem_WhenSkuIsInvalid_ReturnsValidationFailedOnSku(string sku)
    {
        var cart = CartWithShirt();

        var error = Refused(cart, () => cart.AddItem(Product(sku), 1, null, T2));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("sku", error.Field);
    }

    [Fact]
    public void AddItem_WhenSkuHas64AllowedCharacters_Accepts()
    {
        var sku = "Az09._-" + new string('x', Sku.MaxLength - 7);
        var cart = ShopperCart();

        var line = cart.AddItem(Product(sku), 1, null, T1);

        Assert.Equal(sku, line.Sku);
    }

    public static TheoryData<string, Dictionary<string, string>> BadVariants => new()
    {
        { "11 entries", Enumerable.Range(1, 11).ToDictionary(i => $"k{i}", _ => "v", StringComparer.Ordinal) },
        { "1025 ASCII bytes", Variant(("note", new string('x', 1021))) },
        { "1025 UTF-8 bytes in 513 characters", Variant(("n", new string('é', 512))) },
        { "empty key", Variant(("", "M")) },
        { "blank key", Variant(("  ", "M")) },
        { "65-character key", Variant((new string('k', 65), "M")) },
        { "null value", new Dictionary<string, string>(StringComparer.Ordinal) { ["size"] = null! } },
    };

    [Theory]
    [MemberData(nameof(BadVariants))]
    public void AddItem_WhenVariantBreaksLimits_ReturnsValidationFailedOnVariant(string why,
        Dictionary<string, string> variant)
    {
        var cart = CartWithShirt();

        var error = Refused(cart, () => cart.AddItem(Product(Shirt), 1, variant, T2));

        Assert.True(error.Code == ErrorCodes.ValidationFailed, $"{why}: code {error.Code}");
        Assert.Equal("variant", error.Field);
    }

    [Fact]
    public void AddItem_WhenVariantHasTenEntriesAndExactly1024Bytes_Accepts()
    {
        // Ten two-byte keys and values of 100 bytes, plus one value grown to reach 1024 bytes in all.
        var variant = Enumerable.Range(0, 10).ToDictionary(i => $"k{i}", _ => new string('v', 100),
            StringComparer.Ordinal);
        variant["k0"] = new string('v', 1024 - (10 * 2) - (9 * 100));
        var cart = ShopperCart();

        var line = cart.AddItem(Product(Shirt), 1, variant, T1);

        Assert.Equal(10, line.Variant.Count);
    }

    [Theory]
    [InlineData(Shirt)]
    [InlineData(Mug)]
    public void AddItem_WhenProductIsInactive_ReturnsProductUnavailable(string sku)
    {
        var cart = CartWithShirt();

        var error = Refused(cart, () => cart.AddItem(Product(sku, active: false), 1, null, T2));

        Assert.Equal(ErrorCodes.ProductUnavailable, error.Code);
    }

    [Fact]
    public void AddItem_WhenProductIsInAnotherCurrency_ReturnsCurrencyMismatch()
    {
        var cart = CartWithShirt();

        var error = Refused(cart, () => cart.AddItem(Product(Pho, 250000m, "VND"), 1, null, T2));

        Assert.Equal(ErrorCodes.CurrencyMismatch, error.Code);
    }

    [Fact]
    public void AddItem_WhenExistingLineNowPricedInAnotherCurrency_ReturnsCurrencyMismatch()
    {
        var cart = CartWithShirt();

        var error = Refused(cart, () => cart.AddItem(Product(Shirt, 20m, "MYR"), 1, null, T2));

        Assert.Equal(ErrorCodes.CurrencyMismatch, error.Code);
    }
}
