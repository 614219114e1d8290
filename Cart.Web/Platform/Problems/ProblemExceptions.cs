namespace Cart.Web.Platform.Problems;

/// <summary>
/// A header that breaks its rule (<c>If-Match</c>, <c>Idempotency-Key</c>); becomes 400 <c>validation_failed</c> with
/// its errors. Fields of a body, a route or a query are checked by the framework's validation instead.
/// </summary>
internal sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("The request is not valid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// The request could not run now for a passing reason (a resource busy with other requests): 503
/// <c>service_unavailable</c> with <c>Retry-After</c>. Modules derive their own.
/// </summary>
internal class RetryLaterException(string message, int retryAfterSeconds) : Exception(message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>
/// A transport outcome with its problem <c>code</c> (<see cref="ProblemCodes"/>): a refused token, a key still in use.
/// Rules of the domain throw <c>DomainException</c> instead.
/// </summary>
internal sealed class ProblemException(string code, string detail) : Exception(detail)
{
    public string Code { get; } = code;
}
