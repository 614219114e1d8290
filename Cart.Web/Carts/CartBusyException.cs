using Cart.Web.Platform.Problems;

namespace Cart.Web.Carts;

/// <summary>Retries ran out while other writers kept changing the same cart.</summary>
internal sealed class CartBusyException()
    : RetryLaterException("The cart is being changed by other requests; retry shortly.", retryAfterSeconds: 1);
