using Cart.Domain.Catalog;
using Cart.Domain.Common;

namespace Cart.Domain.Carts;

/// <summary>
/// The changes only support makes (from the admin console): a line's stock hold released or renewed, and a removed
/// line restored. Each checks the same limits as the shopper's own changes and bumps the version.
/// </summary>
public sealed partial class ShoppingCart
{
    /// <summary>
    /// Renews a line's hold from now for the normal duration. The line did not grow, so the hold takes what is free
    /// rather than refusing the change. A line whose stock is not tracked has no hold to renew.
    /// </summary>
    public CartLine RenewHold(string sku, DateTimeOffset now)
    {
        EnsureActive();
        var line = FindLine(sku) ?? throw new DomainException(CartErrors.LineNotFound(sku));
        Guard(line.HeldQuantity is not null, CartErrors.NoHold(sku));
        line.RenewHold(now);
        Touch(now);
        _activity.Add(new CartActivity(CartActivityTypes.HoldExtended, sku, line.Quantity));
        return line;
    }

    /// <summary>
    /// Gives the line's held units back while the line keeps its quantity (it then reads as an expired hold, as a
    /// lapsed one does, until the shopper changes the line).
    /// </summary>
    public CartLine ReleaseHold(string sku, DateTimeOffset now)
    {
        EnsureActive();
        var line = FindLine(sku) ?? throw new DomainException(CartErrors.LineNotFound(sku));
        Guard(line.HeldQuantity > 0, CartErrors.NoHold(sku));
        line.ReleaseHold(now);
        Touch(now);
        return line;
    }

    /// <summary>
    /// Puts back a line removed earlier, with the quantity and the price snapshot it had (not today's price). The SKU
    /// must not be in the cart again, the product must still be for sale, and the cart's limits hold as for an add.
    /// </summary>
    public CartLine RestoreLine(ProductInfo product, int quantity, RemovedLinePrice price, DateTimeOffset now)
    {
        EnsureActive();
        Guard(FindLine(product.Sku) is null, CartErrors.LineAlreadyInCart(product.Sku));
        Guard(CartLimits.IsValidQuantity(quantity), CartErrors.QuantityOutOfRange);
        Guard(product.Active, Catalog.CatalogErrors.ProductUnavailable(product.Sku));
        Guard(_lines.Count < CartLimits.MaxLines, CartErrors.CartFull);
        if (Currency is not null && _lines.Count > 0)
        {
            Guard(string.Equals(Currency, price.Currency, StringComparison.Ordinal),
                CartErrors.CurrencyMismatch(product.Sku, price.Currency, Currency));
        }

        var line = new CartLine(Id, product.Sku, quantity, price.UnitPrice, new Dictionary<string, string>(), now);
        _lines.Add(line);
        Currency = price.Currency;
        Touch(now);
        _activity.Add(new CartActivity(CartActivityTypes.LineRestored, product.Sku, quantity, price.ToString()));
        return line;
    }
}
