using System.Globalization;

namespace Cart.Tests.Fixtures;

/// <summary>Rate-limit settings for the test hosts.</summary>
public static class TestRateLimits
{
    /// <summary>
    /// For the shared hosts, which serve every test of a collection from one client address: budgets far above what any
    /// test sends keep the limiter in the pipeline without refusing anyone. Tests of the limits pass their own.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Generous { get; } = Budget(100_000);

    /// <summary>The same budget per window for shoppers, guests, callers without a token, new guest sessions and
    /// sign-in attempts.</summary>
    public static Dictionary<string, string?> Budget(int permitLimit, string window = "00:01:00")
    {
        var limit = permitLimit.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["RateLimits:UserPermitLimit"] = limit,
            ["RateLimits:UserWindow"] = window,
            ["RateLimits:GuestPermitLimit"] = limit,
            ["RateLimits:GuestWindow"] = window,
            ["RateLimits:AnonymousPermitLimit"] = limit,
            ["RateLimits:AnonymousWindow"] = window,
            ["RateLimits:GuestSessionPermitLimit"] = limit,
            ["RateLimits:GuestSessionWindow"] = window,
            ["RateLimits:SignInPermitLimit"] = limit,
            ["RateLimits:SignInWindow"] = window,
        };
    }
}
