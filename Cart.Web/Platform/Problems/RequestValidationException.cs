namespace Cart.Web.Platform.Problems;

/// <summary>A request that breaks the contract's field rules; becomes 400 <c>validation_failed</c> with its errors.</summary>
internal sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("The request is not valid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Retries ran out while other writers kept changing the same cart.</summary>
internal sealed class CartBusyException() : Exception("The cart is being changed by other requests; retry shortly.");
