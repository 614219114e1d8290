using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;
using static Cart.Tests.Domain.CartTestData;

namespace Cart.Tests.Domain;

/// <summary>Accepting the catalog's current prices (API.md, <c>POST /api/v1/cart/prices/accept</c>).</summary>
public sealed class ShoppingCartAcceptPricesTests
{
    /// <summary>Shirt × 2 at 29.99 and Mug × 1 at 12.50, SGD, at version 2.</summary>
    private static ShoppingCart CartWithShirtAndMug()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt, 29.99m), 2, null, T1);
        cart.AddItem(Product(Mug, 12.50m), 1, null, T1);
        return cart;
    }

    private static Dictionary<string, ProductInfo> Catalog(params ProductInfo[] products) =>
        products.ToDictionary(p => p.Sku, StringComparer.Ordinal);

    [Fact]
    public void AcceptPrices_WhenAPriceRose_TakesTheCurrentPriceAndBumpsVersionOnce()
    {
        var cart = CartWithShirtAndMug();

        var repriced = cart.AcceptPrices(null, Catalog(Product(Shirt, 31.99m), Product(Mug, 12.50m)), T2);

        var shirt = Assert.Single(repriced);
        Assert.Equal(Shirt, shirt.Sku);
        Assert.Equal(31.99m, shirt.UnitPrice);
        Assert.Equal(63.98m, shirt.LineTotal);
        Assert.Equal(T2, shirt.UpdatedAt);
        Assert.Equal(T1, shirt.AddedAt);
        Assert.Equal(T1, cart.FindLine(Mug)!.UpdatedAt);
        Assert.Equal(76.48m, cart.Subtotal);
        Assert.Equal((3L, T2), (cart.Version, cart.UpdatedAt));
    }

    [Fact]
    public void AcceptPrices_WhenAPriceFell_TakesTheLowerPrice()
    {
        var cart = CartWithShirtAndMug();

        cart.AcceptPrices(null, Catalog(Product(Shirt, 25.00m), Product(Mug, 12.50m)), T2);

        Assert.Equal(25.00m, cart.FindLine(Shirt)!.UnitPrice);
        Assert.Equal(62.50m, cart.Subtotal);
    }

    [Fact]
    public void AcceptPrices_WhenEveryPriceChangedAndSkusAreNull_RepricesEveryLine()
    {
        var cart = CartWithShirtAndMug();

        var repriced = cart.AcceptPrices(null, Catalog(Product(Shirt, 31.99m), Product(Mug, 13.00m)), T2);

        Assert.Equal([Shirt, Mug], repriced.Select(l => l.Sku));
        Assert.Equal(31.99m, cart.FindLine(Shirt)!.UnitPrice);
        Assert.Equal(13.00m, cart.FindLine(Mug)!.UnitPrice);
        Assert.Equal(3, cart.Version);
    }

    [Fact]
    public void AcceptPrices_WhenSkusAreNamed_RepricesOnlyThoseLines()
    {
        var cart = CartWithShirtAndMug();

        cart.AcceptPrices([Mug], Catalog(Product(Shirt, 31.99m), Product(Mug, 13.00m)), T2);

        Assert.Equal(29.99m, cart.FindLine(Shirt)!.UnitPrice);
        Assert.Equal(T1, cart.FindLine(Shirt)!.UpdatedAt);
        Assert.Equal(13.00m, cart.FindLine(Mug)!.UnitPrice);
        Assert.Equal(3, cart.Version);
    }

    [Fact]
    public void AcceptPrices_WhenASkuIsNamedTwice_RepricesItsLineOnce()
    {
        var cart = CartWithShirtAndMug();

        var repriced = cart.AcceptPrices([Shirt, Shirt], Catalog(Product(Shirt, 31.99m)), T2);

        Assert.Equal(Shirt, Assert.Single(repriced).Sku);
        Assert.Equal(31.99m, cart.FindLine(Shirt)!.UnitPrice);
        Assert.Equal(3, cart.Version);
    }

    [Fact]
    public void AcceptPrices_WhenPricesAreAlreadyCurrent_KeepsVersionAndTimestamps()
    {
        var cart = CartWithShirtAndMug();
        var before = CartState.Of(cart);

        var repriced = cart.AcceptPrices(null, Catalog(Product(Shirt, 29.99m), Product(Mug, 12.50m)), T2);

        Assert.Empty(repriced);
        Assert.Equal(before, CartState.Of(cart));
    }

    [Fact]
    public void AcceptPrices_WhenTheCatalogWritesTheSamePriceAtAnotherScale_ChangesNothing()
    {
        var cart = CartWithShirtAndMug();
        var before = CartState.Of(cart);

        cart.AcceptPrices([Shirt], Catalog(Product(Shirt, 29.9900m)), T2);

        Assert.Equal(before, CartState.Of(cart));
    }

    [Fact]
    public void AcceptPrices_WhenTheCartIsEmpty_ChangesNothing()
    {
        var cart = ShopperCart();
        var before = CartState.Of(cart);

        var repriced = cart.AcceptPrices(null, Catalog(), T2);

        Assert.Empty(repriced);
        Assert.Equal(before, CartState.Of(cart));
    }

    [Fact]
    public void AcceptPrices_WhenNoSkuIsNamed_ChangesNothing()
    {
        var cart = CartWithShirtAndMug();
        var before = CartState.Of(cart);

        cart.AcceptPrices([], Catalog(Product(Shirt, 31.99m), Product(Mug, 13.00m)), T2);

        Assert.Equal(before, CartState.Of(cart));
    }

    [Fact]
    public void AcceptPrices_WhenANamedSkuHasNoLine_ReturnsLineNotFoundAndChangesNothing()
    {
        var cart = CartWithShirtAndMug();

        var error = Refused(cart, () => cart.AcceptPrices([Shirt, Lamp],
            Catalog(Product(Shirt, 31.99m), Product(Lamp, 45.00m)), T2));

        Assert.Equal(ErrorCodes.LineNotFound, error.Code);
        Assert.Contains(Lamp, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptPrices_WhenASkuDiffersOnlyInCase_ReturnsLineNotFound()
    {
        var cart = CartWithShirtAndMug();

        var error = Refused(cart, () =>
            cart.AcceptPrices([Shirt.ToLowerInvariant()], Catalog(Product(Shirt, 31.99m)), T2));

        Assert.Equal(ErrorCodes.LineNotFound, error.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Mug)]
    public void AcceptPrices_WhenAnAcceptedLinesProductIsInactive_ReturnsProductUnavailableAndChangesNothing(
        string? named)
    {
        var cart = CartWithShirtAndMug();
        string[]? skus = named is null ? null : [Shirt, named];

        var error = Refused(cart, () => cart.AcceptPrices(skus,
            Catalog(Product(Shirt, 31.99m), Product(Mug, 13.00m, active: false)), T2));

        Assert.Equal(ErrorCodes.ProductUnavailable, error.Code);
        Assert.Contains(Mug, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptPrices_WhenAnAcceptedLinesProductLeftTheCatalog_ReturnsProductUnavailableAndChangesNothing()
    {
        var cart = CartWithShirtAndMug();

        var error = Refused(cart, () => cart.AcceptPrices(null, Catalog(Product(Shirt, 31.99m)), T2));

        Assert.Equal(ErrorCodes.ProductUnavailable, error.Code);
        Assert.Contains(Mug, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptPrices_WhenAnAcceptedLinesProductIsNowInAnotherCurrency_ReturnsCurrencyMismatchAndChangesNothing()
    {
        var cart = CartWithShirtAndMug();

        var error = Refused(cart, () => cart.AcceptPrices(null,
            Catalog(Product(Shirt, 31.99m), Product(Mug, 40.00m, "MYR")), T2));

        Assert.Equal(ErrorCodes.CurrencyMismatch, error.Code);
    }

    [Fact]
    public void AcceptPrices_WhenTheUnavailableLineIsNotNamed_RepricesTheNamedOnes()
    {
        var cart = CartWithShirtAndMug();

        cart.AcceptPrices([Shirt], Catalog(Product(Shirt, 31.99m), Product(Mug, 13.00m, active: false)), T2);

        Assert.Equal(31.99m, cart.FindLine(Shirt)!.UnitPrice);
        Assert.Equal(12.50m, cart.FindLine(Mug)!.UnitPrice);
    }

    [Fact]
    public void AcceptPrices_WhenTheCartWasMerged_ReturnsValidationFailedAndChangesNothing()
    {
        var guest = GuestCart();
        guest.AddItem(Product(Shirt, 29.99m), 1, null, T1);
        ShopperCart().MergeFrom(guest, T2);

        var error = Refused(guest, () => guest.AcceptPrices(null, Catalog(Product(Shirt, 31.99m)), T3));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
    }
}
