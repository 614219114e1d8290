namespace Cart.Domain.Common;

/// <summary>The error codes of the storefront API (API.md, "Errors"). Clients switch on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string InvalidGuestToken = "invalid_guest_token";
    public const string IdempotencyKeyRequired = "idempotency_key_required";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string LineNotFound = "line_not_found";
    public const string OrderNotFound = "order_not_found";
    public const string ProductNotFound = "product_not_found";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InsufficientStock = "insufficient_stock";
    public const string PriceChanged = "price_changed";
    public const string RequestInProgress = "request_in_progress";
    public const string VersionMismatch = "version_mismatch";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string UnknownSku = "unknown_sku";
    public const string ProductUnavailable = "product_unavailable";
    public const string CartFull = "cart_full";
    public const string CartEmpty = "cart_empty";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string RateLimited = "rate_limited";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";
}
