namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// Endpoint metadata: every request routed to the endpoint is counted against its client address's guest-session
/// budget, whatever token it carries. The limiter reads it from the matched endpoint, so every spelling that routing
/// maps there (a trailing slash, other casing) counts the same.
/// </summary>
internal sealed class GuestSessionStartBudget
{
    public static readonly GuestSessionStartBudget Instance = new();

    private GuestSessionStartBudget()
    {
    }
}

internal static class GuestSessionStartBudgetExtensions
{
    /// <summary>Counts calls of this endpoint per client address on the guest-session budget.</summary>
    public static TBuilder CountedAsGuestSessionStarts<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(GuestSessionStartBudget.Instance);
}
