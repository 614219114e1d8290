using Cart.Domain.Carts;
using Cart.Domain.Common;
using static Cart.Tests.Domain.CartTestData;

namespace Cart.Tests.Domain;

/// <summary>Merging a guest cart into the shopper's cart at login, and what a merged (closed) cart refuses.</summary>
public sealed class ShoppingCartMergeTests
{
    [Fact]
    public void CloseEmptyGuestCart_WhenEmpty_ClosesItAsMergedIntoNothing()
    {
        var guest = GuestCart();

        guest.CloseEmptyGuestCart(T2);

        Assert.Equal(CartStatus.Merged, guest.Status);
        Assert.Null(guest.MergedIntoCartId);
        Assert.Equal((1L, T2), (guest.Version, guest.UpdatedAt));
    }

    [Fact]
    public void CloseEmptyGuestCart_WhenItHasLinesOrIsAShoppersCart_Refuses()
    {
        var guest = GuestCart();
        guest.AddItem(Product(Shirt, 29.99m), 1, null, T1);

        Assert.Throws<InvalidOperationException>(() => guest.CloseEmptyGuestCart(T2));
        Assert.Throws<InvalidOperationException>(() => ShopperCart().CloseEmptyGuestCart(T2));
        Assert.Equal(CartStatus.Active, guest.Status);
    }

    [Fact]
    public void MergeFrom_WhenSkusDiffer_TakesTheUnionIntoShopperCart()
    {
        var shopper = ShopperCart();
        shopper.AddItem(Product(Shirt, 29.99m), 1, null, T1);
        var guest = GuestCart();
        guest.AddItem(Product(Mug, 12.50m), 2, Variant(("color", "red")), T1);

        shopper.MergeFrom(guest, T2);

        Assert.Equal(new[] { Shirt, Mug }, shopper.Lines.Select(l => l.Sku));
        var mug = shopper.FindLine(Mug)!;
        Assert.Equal(shopper.Id, mug.CartId);
        Assert.Equal(2, mug.Quantity);
        Assert.Equal(12.50m, mug.UnitPrice);
        Assert.Equal("red", mug.Variant["color"]);
        Assert.Equal(T1, mug.AddedAt);
        Assert.Equal(T2, mug.UpdatedAt);
        Assert.Equal("SGD", shopper.Currency);
        Assert.Equal((2L, T2), (shopper.Version, shopper.UpdatedAt));
    }

    [Fact]
    public void MergeFrom_WhenShopperAlreadyHasMoreOfEveryGuestSku_LeavesShopperCartAndVersionAlone()
    {
        var shopper = ShopperCart();
        shopper.AddItem(Product(Shirt, 29.99m), 3, null, T1);
        var guest = GuestCart();
        guest.AddItem(Product(Shirt, 29.99m), 1, null, T1);

        shopper.MergeFrom(guest, T2);

        Assert.Equal((1L, T1), (shopper.Version, shopper.UpdatedAt));
        Assert.Equal(3, Assert.Single(shopper.Lines).Quantity);
        Assert.Equal(CartStatus.Merged, guest.Status);
    }

    [Fact]
    public void MergeFrom_WhenShopperCartIsEmpty_TakesGuestLinesAndCurrency()
    {
        var shopper = ShopperCart();
        var guest = GuestCart();
        guest.AddItem(Product(Pho, 250000m, "VND"), 1, null, T1);

        shopper.MergeFrom(guest, T2);

        Assert.Equal(Pho, Assert.Single(shopper.Lines).Sku);
        Assert.Equal("VND", shopper.Currency);
        Assert.Equal(1, shopper.Version);
    }

    [Fact]
    public void MergeFrom_WhenGuestHasHigherQuantity_TakesGuestLineWithItsPriceSnapshot()
    {
        var shopper = ShopperCart();
        shopper.AddItem(Product(Shirt, 29.99m), 1, Variant(("size", "M")), T1);
        var guest = GuestCart();
        guest.AddItem(Product(Shirt, 25.00m), 3, Variant(("size", "L")), T0);

        shopper.MergeFrom(guest, T2);

        var line = Assert.Single(shopper.Lines);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(25.00m, line.UnitPrice);
        Assert.Equal("L", line.Variant["size"]);
        Assert.Equal(shopper.Id, line.CartId);
        Assert.Equal(T2, line.UpdatedAt);
    }

    [Fact]
    public void MergeFrom_WhenShopperHasHigherQuantity_KeepsShopperLineWithItsPriceSnapshot()
    {
        var shopper = ShopperCart();
        shopper.AddItem(Product(Shirt, 29.99m), 3, Variant(("size", "M")), T1);
        var guest = GuestCart();
        guest.AddItem(Product(Shirt, 25.00m), 1, Variant(("size", "L")), T1);

        shopper.MergeFrom(guest, T2);

        var line = Assert.Single(shopper.Lines);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(29.99m, line.UnitPrice);
        Assert.Equal("M", line.Variant["size"]);
    }

    [Fact]
    public void MergeFrom_WhenQuantitiesTie_KeepsShopperLine()
    {
        var shopper = ShopperCart();
        shopper.AddItem(Product(Shirt, 29.99m), 2, Variant(("size", "M")), T1);
        var guest = GuestCart();
        guest.AddItem(Product(Shirt, 25.00m), 2, Variant(("size", "L")), T0);

        shopper.MergeFrom(guest, T2);

        var line = Assert.Single(shopper.Lines);
        Assert.Equal(2, line.Quantity);
        Assert.Equal(29.99m, line.UnitPrice);
        Assert.Equal("M", line.Variant["size"]);
        Assert.Equal(T1, line.AddedAt);
    }

    [Fact]
    public void MergeFrom_WhenMerged_ClosesGuestCartPointingAtShopperCart()
    {
        var shopper = ShopperCart();
        var guest = GuestCart();
        guest.AddItem(Product(Mug), 1, null, T1);

        shopper.MergeFrom(guest, T2);

        Assert.Equal(CartStatus.Merged, guest.Status);
        Assert.Equal(shopper.Id, guest.MergedIntoCartId);
        Assert.Equal((2L, T2), (guest.Version, guest.UpdatedAt));
        Assert.Equal(CartStatus.Active, shopper.Status);
        Assert.Null(shopper.MergedIntoCartId);
    }

    [Fact]
    public void MergeFrom_WhenGuestCartIsEmpty_ClosesGuestAndLeavesShopperUnchanged()
    {
        var shopper = ShopperCart();
        shopper.AddItem(Product(Shirt), 1, null, T1);
        var shopperBefore = CartState.Of(shopper);
        var guest = GuestCart();

        shopper.MergeFrom(guest, T2);

        Assert.Equal(shopperBefore, CartState.Of(shopper));
        Assert.Equal(CartStatus.Merged, guest.Status);
        Assert.Equal(shopper.Id, guest.MergedIntoCartId);
    }

    [Fact]
    public void MergeFrom_WhenShopperCartIsFull_ReturnsCartFullAndChangesNeitherCart()
    {
        var shopper = CartWithLines(CartLimits.MaxLines);
        var guest = GuestCart();
        guest.AddItem(Product(Shirt), 5, null, T1);
        guest.AddItem(Bulk(1), 9, null, T1); // a SKU in both: would grow the shopper's line if half-applied
        var guestBefore = CartState.Of(guest);

        var error = Refused(shopper, () => shopper.MergeFrom(guest, T2));

        Assert.Equal(ErrorCodes.CartFull, error.Code);
        Assert.Equal(guestBefore, CartState.Of(guest));
        Assert.Equal(1, shopper.FindLine(Bulk(1).Sku)!.Quantity);
    }

    [Fact]
    public void MergeFrom_WhenUnionWouldHold101Lines_ReturnsCartFull()
    {
        var shopper = CartWithLines(CartLimits.MaxLines - 1);
        var guest = GuestCart();
        guest.AddItem(Product(Shirt), 1, null, T1);
        guest.AddItem(Product(Mug), 1, null, T1);
        var guestBefore = CartState.Of(guest);

        var error = Refused(shopper, () => shopper.MergeFrom(guest, T2));

        Assert.Equal(ErrorCodes.CartFull, error.Code);
        Assert.Equal(guestBefore, CartState.Of(guest));
    }

    [Fact]
    public void MergeFrom_WhenUnionHoldsExactly100Lines_Accepts()
    {
        var shopper = CartWithLines(CartLimits.MaxLines - 1);
        var guest = GuestCart();
        guest.AddItem(Product(Shirt), 1, null, T1);
        guest.AddItem(Bulk(7), 3, null, T1);

        shopper.MergeFrom(guest, T2);

        Assert.Equal(CartLimits.MaxLines, shopper.Lines.Count);
        Assert.Equal(3, shopper.FindLine(Bulk(7).Sku)!.Quantity);
    }

    [Fact]
    public void MergeFrom_WhenCurrenciesDiffer_ReturnsCurrencyMismatchAndChangesNeitherCart()
    {
        var shopper = ShopperCart();
        shopper.AddItem(Product(Shirt, 29.99m, "SGD"), 1, null, T1);
        var guest = GuestCart();
        guest.AddItem(Product(Pho, 250000m, "VND"), 2, null, T1);
        var guestBefore = CartState.Of(guest);

        var error = Refused(shopper, () => shopper.MergeFrom(guest, T2));

        Assert.Equal(ErrorCodes.CurrencyMismatch, error.Code);
        Assert.Equal(guestBefore, CartState.Of(guest));
    }

    [Fact]
    public void MergeFrom_WhenGuestAlreadyMerged_ReturnsValidationFailedAndChangesNeitherCart()
    {
        var guest = GuestCart();
        guest.AddItem(Product(Mug), 4, null, T1);
        ShopperCart("user_first").MergeFrom(guest, T2);
        var guestBefore = CartState.Of(guest);
        var shopper = ShopperCart("user_second");
        shopper.AddItem(Product(Shirt), 1, null, T1);

        var error = Refused(shopper, () => shopper.MergeFrom(guest, T3));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(guestBefore, CartState.Of(guest));
    }

    [Fact]
    public void MergeFrom_WhenSourceIsNotAGuestCart_Throws()
    {
        var shopper = ShopperCart("user_1");
        var other = ShopperCart("user_2");
        other.AddItem(Product(Mug), 1, null, T1);

        Assert.Throws<InvalidOperationException>(() => shopper.MergeFrom(other, T2));
        Assert.Empty(shopper.Lines);
        Assert.Equal(CartStatus.Active, other.Status);
    }

    public static TheoryData<string, Action<ShoppingCart>> ChangesToAClosedCart => new()
    {
        { "AddItem new line", c => c.AddItem(Product(Lamp, 45m), 1, null, T3) },
        { "AddItem existing line", c => c.AddItem(Product(Mug), 1, null, T3) },
        { "SetQuantity", c => c.SetQuantity(Mug, 9, T3) },
        { "RemoveItem", c => c.RemoveItem(Mug, T3) },
        { "Clear", c => c.Clear(T3) },
        { "MergeFrom into it", c => c.MergeFrom(GuestCart("g_other"), T3) },
    };

    [Theory]
    [MemberData(nameof(ChangesToAClosedCart))]
    public void AnyChange_WhenCartWasMerged_IsRefusedAndChangesNothing(string change, Action<ShoppingCart> apply)
    {
        var guest = GuestCart();
        guest.AddItem(Product(Mug), 2, null, T1);
        ShopperCart().MergeFrom(guest, T2);

        var error = Refused(guest, () => apply(guest));

        Assert.True(error.Code == ErrorCodes.ValidationFailed, $"{change}: code {error.Code}");
    }
}
