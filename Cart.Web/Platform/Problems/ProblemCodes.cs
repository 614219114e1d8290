namespace Cart.Web.Platform.Problems;

/// <summary>
/// The codes of transport outcomes: what HTTP, tokens, limits and Idempotency-Key answer, never a rule of a cart.
/// The domain's own codes are in <c>Cart.Domain.Common.ErrorCodes</c>. Clients switch on both; never rename one.
/// </summary>
internal static class ProblemCodes
{
    public const string InvalidGuestToken = "invalid_guest_token";
    public const string InvalidReminderToken = "invalid_reminder_token";
    public const string IdempotencyKeyRequired = "idempotency_key_required";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string RequestInProgress = "request_in_progress";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string RateLimited = "rate_limited";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";
}
