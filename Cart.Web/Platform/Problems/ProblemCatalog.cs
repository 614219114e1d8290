using Cart.Domain.Common;

namespace Cart.Web.Platform.Problems;

/// <summary>The HTTP status and title of every error code of API.md.</summary>
internal static class ProblemCatalog
{
    private static readonly Dictionary<string, (int Status, string Title)> Entries = new(StringComparer.Ordinal)
    {
        [ErrorCodes.ValidationFailed] = (400, "The request is not valid"),
        [ProblemCodes.InvalidGuestToken] = (400, "The guest token is not valid"),
        [ProblemCodes.InvalidReminderToken] = (400, "The link is not valid or has expired"),
        [ProblemCodes.IdempotencyKeyRequired] = (400, "An Idempotency-Key header is required"),
        [ProblemCodes.Unauthenticated] = (401, "A valid bearer token is required"),
        [ProblemCodes.Forbidden] = (403, "Not allowed"),
        [ErrorCodes.LineNotFound] = (404, "The line is not in the cart"),
        [ErrorCodes.OrderNotFound] = (404, "No such order"),
        [ErrorCodes.ProductNotFound] = (404, "No such product"),
        [ProblemCodes.NotFound] = (404, "Not found"),
        [ProblemCodes.MethodNotAllowed] = (405, "The path does not take this method"),
        [ErrorCodes.InsufficientStock] = (409, "Not enough stock"),
        [ErrorCodes.PriceChanged] = (409, "Prices changed"),
        [ProblemCodes.RequestInProgress] = (409, "A request with this Idempotency-Key is still running"),
        [ErrorCodes.VersionMismatch] = (412, "The cart has changed"),
        [ProblemCodes.PayloadTooLarge] = (413, "The request body is too large"),
        [ProblemCodes.UnsupportedMediaType] = (415, "The body must be JSON"),
        [ErrorCodes.UnknownSku] = (422, "Unknown SKU"),
        [ErrorCodes.ProductUnavailable] = (422, "The product is not available"),
        [ErrorCodes.CurrencyMismatch] = (422, "The product is in another currency than the cart"),
        [ErrorCodes.CartFull] = (422, "The cart is full"),
        [ErrorCodes.CartEmpty] = (422, "The cart is empty"),
        [ProblemCodes.IdempotencyKeyReused] = (422, "The Idempotency-Key was used for another request"),
        [ProblemCodes.RateLimited] = (429, "Too many requests"),
        [ProblemCodes.ServiceUnavailable] = (503, "The service is unavailable"),
        [ProblemCodes.InternalError] = (500, "Something went wrong on our side"),
    };

    /// <summary>Every code a problem document may carry (the OpenAPI document lists them).</summary>
    public static IEnumerable<string> Codes => Entries.Keys;

    public static int StatusOf(string code) => Entries.TryGetValue(code, out var e) ? e.Status : 400;

    public static string TitleOf(string code) => Entries.TryGetValue(code, out var e) ? e.Title : "Error";

    /// <summary>The code for a response the framework produced with only a status (an empty 404 or 405, say).</summary>
    public static string CodeForStatus(int status) => status switch
    {
        401 => ProblemCodes.Unauthenticated,
        403 => ProblemCodes.Forbidden,
        404 => ProblemCodes.NotFound,
        405 => ProblemCodes.MethodNotAllowed,
        413 => ProblemCodes.PayloadTooLarge,
        415 => ProblemCodes.UnsupportedMediaType,
        429 => ProblemCodes.RateLimited,
        503 => ProblemCodes.ServiceUnavailable,
        >= 500 => ProblemCodes.InternalError,
        _ => ErrorCodes.ValidationFailed,
    };

    /// <summary>What to tell the client when the framework answered with a status alone and nothing more.</summary>
    public static string? DetailForStatus(int status) => status switch
    {
        405 => "This path does not take this method; the Allow header lists the ones it takes.",
        415 => "Send the body as JSON, with Content-Type: application/json.",
        _ => null,
    };

    public static string TypeOf(string code) => "/problems/" + code.Replace('_', '-');
}
