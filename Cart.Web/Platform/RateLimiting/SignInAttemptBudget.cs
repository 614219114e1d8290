namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// Endpoint metadata: every request routed to the endpoint is a sign-in attempt, counted against its client address's
/// sign-in budget (<see cref="RateLimitOptions.SignInPermitLimit"/>), whichever account it names. The per-account
/// lockout stops guessing one account's password; this stops one address trying a few passwords on every account.
/// </summary>
/// <param name="rejected">Writes the answer to an attempt over the budget, given the whole seconds until the address
/// may try again: a person at a form needs a page that says so, not a problem document.</param>
internal sealed class SignInAttemptBudget(Func<HttpContext, int, Task> rejected)
{
    public Task RejectAsync(HttpContext context, int retryAfterSeconds) => rejected(context, retryAfterSeconds);
}

internal static class SignInAttemptBudgetExtensions
{
    /// <summary>Counts calls of this endpoint per client address on the sign-in budget; <paramref name="rejected"/>
    /// answers those over it.</summary>
    public static TBuilder CountedAsSignInAttempts<TBuilder>(this TBuilder builder,
        Func<HttpContext, int, Task> rejected)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignInAttemptBudget(rejected));
}
