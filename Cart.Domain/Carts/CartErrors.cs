using Cart.Domain.Common;

namespace Cart.Domain.Carts;

public static class CartErrors
{
    public static DomainError CartFull =>
        new(ErrorCodes.CartFull, $"A cart holds at most {CartLimits.MaxLines} lines.");

    public static DomainError LineNotFound(string sku) =>
        new(ErrorCodes.LineNotFound, $"The cart has no line for SKU '{sku}'.");

    public static DomainError QuantityOutOfRange =>
        new(ErrorCodes.ValidationFailed, CartLimits.QuantityRule, "quantity");

    public static DomainError LineQuantityOverLimit(string sku) =>
        new(ErrorCodes.ValidationFailed,
            $"The line for SKU '{sku}' would exceed {CartLimits.MaxQuantity} units.", "quantity");

    public static DomainError InvalidVariant(string reason) => new(ErrorCodes.ValidationFailed, reason, "variant");

    public static DomainError CurrencyMismatch(string sku, string productCurrency, string cartCurrency) =>
        new(ErrorCodes.CurrencyMismatch,
            $"SKU '{sku}' is sold in {productCurrency}; this cart is in {cartCurrency}. A cart holds one currency.");

    public static DomainError CartEmpty => new(ErrorCodes.CartEmpty, "The cart is empty: there is nothing to check out.");

    /// <summary>A change that lost the race to the cart's checkout: the cart it was changing is an order now.</summary>
    public static DomainError CheckedOutMeanwhile => new(ErrorCodes.CartEmpty,
        "The cart was checked out while this change was being made; nothing was changed. The next read is an empty cart.");

    public static DomainError PricesRose => new(ErrorCodes.PriceChanged,
        "Prices went up since they were added to the cart; accept the new prices, then check out.");

    public static DomainError VersionMismatch(long current) =>
        new(ErrorCodes.VersionMismatch, $"The cart is at version {current}; reload it and try again.");

    public static DomainError NotActive =>
        new(ErrorCodes.ValidationFailed, "This cart has been closed and can no longer change.");

    public static DomainError NoHold(string sku) =>
        new(ErrorCodes.ValidationFailed, $"The line for SKU '{sku}' holds no stock.");

    public static DomainError LineAlreadyInCart(string sku) =>
        new(ErrorCodes.ValidationFailed, $"The cart has a line for SKU '{sku}' again; change that line instead.");
}
