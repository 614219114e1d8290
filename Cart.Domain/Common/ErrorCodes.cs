namespace Cart.Domain.Common;

/// <summary>
/// The error codes of the domain's rules (a cart, the catalog). Transport outcomes (tokens, limits, HTTP) have their own
/// codes in the web layer. Clients switch on these; never rename one.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string LineNotFound = "line_not_found";
    public const string OrderNotFound = "order_not_found";
    public const string ProductNotFound = "product_not_found";
    public const string InsufficientStock = "insufficient_stock";
    public const string PriceChanged = "price_changed";
    public const string VersionMismatch = "version_mismatch";
    public const string UnknownSku = "unknown_sku";
    public const string ProductUnavailable = "product_unavailable";
    public const string CurrencyMismatch = "currency_mismatch";
    public const string CartFull = "cart_full";
    public const string CartEmpty = "cart_empty";
}
