using Cart.Domain.Carts;
using Cart.Domain.Common;
using static Cart.Tests.Domain.CartTestData;

namespace Cart.Tests.Domain;

/// <summary>The cart aggregate's state changes. Limits and refusals: <see cref="ShoppingCartLimitsTests"/>.</summary>
public sealed class ShoppingCartTests
{
    [Fact]
    public void Open_WhenTheOwnerHadEarlierCarts_CountsOnFromTheirLastVersion()
    {
        var cart = ShoppingCart.Open(CartOwner.Guest("g_1"), T0, lastVersion: 7);

        cart.AddItem(Product(Shirt, 29.99m), 1, null, T1);

        Assert.Equal(8, cart.Version);
    }

    [Fact]
    public void Open_WhenOwnerGiven_StartsEmptyActiveCartAtVersionZero()
    {
        var cart = ShoppingCart.Open(CartOwner.Guest("g_42"), T0);

        Assert.StartsWith(ShoppingCart.IdPrefix, cart.Id, StringComparison.Ordinal);
        Assert.InRange(cart.Id.Length, ShoppingCart.IdPrefix.Length + 1, 32); // carts.id is varchar(32)
        Assert.Equal(CartOwner.Guest("g_42"), cart.Owner);
        Assert.Equal(CartStatus.Active, cart.Status);
        Assert.Equal(0, cart.Version);
        Assert.Null(cart.Currency);
        Assert.Null(cart.MergedIntoCartId);
        Assert.Empty(cart.Lines);
        Assert.Equal(T0, cart.CreatedAt);
        Assert.Equal(T0, cart.UpdatedAt);
    }

    [Fact]
    public void Open_WhenCalledTwice_GivesDistinctIds()
    {
        Assert.NotEqual(ShopperCart().Id, ShopperCart().Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_WhenOwnerIdIsBlank_Throws(string ownerId)
    {
        Assert.Throws<ArgumentException>(() => ShoppingCart.Open(CartOwner.User(ownerId), T0));
    }

    [Fact]
    public void AddItem_WhenNewSku_AddsLineWithCatalogPriceAndCurrencySnapshot()
    {
        var cart = ShopperCart();

        var line = cart.AddItem(Product(Shirt, 29.99m, "SGD"), 2, Variant(("size", "M")), T1);

        Assert.Same(line, Assert.Single(cart.Lines));
        Assert.Equal(cart.Id, line.CartId);
        Assert.Equal(Shirt, line.Sku);
        Assert.Equal(2, line.Quantity);
        Assert.Equal(29.99m, line.UnitPrice);
        Assert.Equal(59.98m, line.LineTotal);
        Assert.Equal("M", line.Variant["size"]);
        Assert.Equal(T1, line.AddedAt);
        Assert.Equal(T1, line.UpdatedAt);
        Assert.Equal("SGD", cart.Currency);
        Assert.Equal(2, cart.TotalItems);
        Assert.Equal(59.98m, cart.Subtotal);
    }

    [Fact]
    public void AddItem_WhenEachChange_BumpsVersionByOneAndSetsUpdatedAt()
    {
        var cart = ShopperCart();

        cart.AddItem(Product(Shirt), 1, null, T1);
        Assert.Equal((1L, T1), (cart.Version, cart.UpdatedAt));

        cart.AddItem(Product(Mug, 12.50m), 1, null, T2);
        Assert.Equal((2L, T2), (cart.Version, cart.UpdatedAt));

        cart.AddItem(Product(Mug, 12.50m), 4, null, T3);
        Assert.Equal((3L, T3), (cart.Version, cart.UpdatedAt));
        Assert.Equal(T0, cart.CreatedAt);
    }

    [Fact]
    public void AddItem_WhenLineExists_GrowsQuantityAndKeepsOriginalUnitPrice()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt, 29.99m), 2, null, T1);

        var line = cart.AddItem(Product(Shirt, 31.99m), 3, null, T2);

        Assert.Same(line, Assert.Single(cart.Lines));
        Assert.Equal(5, line.Quantity);
        Assert.Equal(29.99m, line.UnitPrice);
        Assert.Equal(T1, line.AddedAt);
        Assert.Equal(T2, line.UpdatedAt);
        Assert.Equal(2, cart.Version);
    }

    [Fact]
    public void AddItem_WhenLineExistsAndVariantGiven_ReplacesVariant()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, Variant(("size", "M"), ("color", "blue")), T1);

        var line = cart.AddItem(Product(Shirt), 1, Variant(("size", "L")), T2);

        Assert.Equal(Variant(("size", "L")), line.Variant);
    }

    [Fact]
    public void AddItem_WhenLineExistsAndVariantNull_KeepsVariant()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, Variant(("size", "M"), ("color", "blue")), T1);

        var line = cart.AddItem(Product(Shirt), 1, null, T2);

        Assert.Equal(Variant(("size", "M"), ("color", "blue")), line.Variant);
        Assert.Equal(2, line.Quantity);
    }

    [Fact]
    public void AddItem_WhenNewSkuWithoutVariant_StoresEmptyVariant()
    {
        var cart = ShopperCart();

        var line = cart.AddItem(Product(Shirt), 1, null, T1);

        Assert.Empty(line.Variant);
    }

    [Fact]
    public void AddItem_WhenCallerChangesItsVariantAfterwards_LineKeepsItsOwnCopy()
    {
        var cart = ShopperCart();
        var variant = Variant(("size", "M"));

        var line = cart.AddItem(Product(Shirt), 1, variant, T1);
        variant["size"] = "XL";

        Assert.Equal("M", line.Variant["size"]);
    }

    [Fact]
    public void AddItem_WhenLineReachesExactly999_Accepts()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 998, null, T1);

        var line = cart.AddItem(Product(Shirt), 1, null, T2);

        Assert.Equal(CartLimits.MaxQuantity, line.Quantity);
    }

    [Fact]
    public void AddItem_WhenCartEmptiedByRemove_AcceptsAnotherCurrency()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt, 29.99m, "SGD"), 1, null, T1);
        cart.RemoveItem(Shirt, T2);

        cart.AddItem(Product(Pho, 250000m, "VND"), 1, null, T3);

        Assert.Equal("VND", cart.Currency);
    }

    [Fact]
    public void SetQuantity_WhenLineExists_SetsQuantityBumpsVersionAndKeepsPrice()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt, 29.99m), 2, null, T1);

        var line = cart.SetQuantity(Shirt, 7, T2);

        Assert.Equal(7, line.Quantity);
        Assert.Equal(29.99m, line.UnitPrice);
        Assert.Equal(T2, line.UpdatedAt);
        Assert.Equal((2L, T2), (cart.Version, cart.UpdatedAt));
    }

    [Fact]
    public void SetQuantity_WhenQuantityIsUnchanged_KeepsVersionAndTimestamps()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 3, null, T1);
        var before = CartState.Of(cart);

        var line = cart.SetQuantity(Shirt, 3, T2);

        Assert.Equal(3, line.Quantity);
        Assert.Equal(before, CartState.Of(cart));
        Assert.Equal(1, cart.Version);
    }

    [Fact]
    public void SetQuantity_WhenLineIsMissing_ReturnsLineNotFoundAndChangesNothing()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, null, T1);

        var error = Refused(cart, () => cart.SetQuantity(Mug, 2, T2));

        Assert.Equal(ErrorCodes.LineNotFound, error.Code);
    }

    [Fact]
    public void RemoveItem_WhenOtherLinesRemain_RemovesLineAndKeepsCurrency()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, null, T1);
        cart.AddItem(Product(Mug, 12.50m), 2, null, T1);

        var removed = cart.RemoveItem(Shirt, T2);

        Assert.Equal(Shirt, removed.Sku);
        Assert.Equal(Mug, Assert.Single(cart.Lines).Sku);
        Assert.Equal("SGD", cart.Currency);
        Assert.Equal((3L, T2), (cart.Version, cart.UpdatedAt));
    }

    [Fact]
    public void RemoveItem_WhenLastLine_EmptiesCartAndResetsCurrency()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, null, T1);

        cart.RemoveItem(Shirt, T2);

        Assert.Empty(cart.Lines);
        Assert.Null(cart.Currency);
        Assert.Equal((2L, T2), (cart.Version, cart.UpdatedAt));
    }

    [Fact]
    public void RemoveItem_WhenLineIsMissing_ReturnsLineNotFoundAndChangesNothing()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, null, T1);

        var error = Refused(cart, () => cart.RemoveItem(Mug, T2));

        Assert.Equal(ErrorCodes.LineNotFound, error.Code);
    }

    [Fact]
    public void RemoveItem_WhenSkuDiffersOnlyInCase_ReturnsLineNotFound()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, null, T1);

        var error = Refused(cart, () => cart.RemoveItem(Shirt.ToLowerInvariant(), T2));

        Assert.Equal(ErrorCodes.LineNotFound, error.Code);
    }

    [Fact]
    public void Clear_WhenCartHasLines_RemovesAllReturnsThemAndResetsCurrency()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 2, null, T1);
        cart.AddItem(Product(Mug, 12.50m), 1, null, T1);

        var removed = cart.Clear(T2);

        Assert.Equal(new[] { Shirt, Mug }, removed.Select(l => l.Sku));
        Assert.Equal(new[] { 2, 1 }, removed.Select(l => l.Quantity));
        Assert.Empty(cart.Lines);
        Assert.Null(cart.Currency);
        Assert.Equal(0, cart.TotalItems);
        Assert.Equal((3L, T2), (cart.Version, cart.UpdatedAt));
    }

    [Fact]
    public void Clear_WhenCartIsEmpty_ReturnsNothingAndKeepsVersion()
    {
        var cart = ShopperCart();
        cart.AddItem(Product(Shirt), 1, null, T1);
        cart.RemoveItem(Shirt, T1);
        var before = CartState.Of(cart);

        var removed = cart.Clear(T2);

        Assert.Empty(removed);
        Assert.Equal(before, CartState.Of(cart));
    }

    [Fact]
    public void EnsureVersion_WhenNoIfMatch_Passes()
    {
        var exception = Record.Exception(() => ShoppingCart.EnsureVersion(7, null));

        Assert.Null(exception);
    }

    [Fact]
    public void EnsureVersion_WhenIfMatchNamesCurrentVersion_Passes()
    {
        long? seen = null;

        var exception = Record.Exception(() => ShoppingCart.EnsureVersion(7, v =>
        {
            seen = v;
            return v == 7;
        }));

        Assert.Null(exception);
        Assert.Equal(7, seen);
    }

    [Fact]
    public void EnsureVersion_WhenIfMatchNamesOtherVersion_ReturnsVersionMismatch()
    {
        var exception = Assert.Throws<DomainException>(() => ShoppingCart.EnsureVersion(7, v => v == 6));

        Assert.Equal(ErrorCodes.VersionMismatch, exception.Error.Code);
        Assert.Contains("7", exception.Error.Message, StringComparison.Ordinal);
    }
}
