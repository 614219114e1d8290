using System.ComponentModel.DataAnnotations;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// How many requests to <c>/api</c> routes each caller may make per window: a shopper is counted by the token's user id,
/// a guest by the token's session id, a call without a token by the client's IP address. Also how many sign-in
/// attempts each client address may make.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    // A storefront page costs a handful of calls (cart, a product page or two, an edit), so 300 a minute — 5 a second,
    // sustained for a whole minute — is many times what the quickest shopper needs, while a script is stopped early.
    [Range(1, 1_000_000)]
    public int UserPermitLimit { get; set; } = 300;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UserWindow { get; set; } = TimeSpan.FromMinutes(1);

    // The same person before signing in, but a guest token is free to get (POST /guest-sessions), so each one buys less.
    [Range(1, 1_000_000)]
    public int GuestPermitLimit { get; set; } = 120;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan GuestWindow { get; set; } = TimeSpan.FromMinutes(1);

    // Calls without a token: browsing the catalog and starting guest sessions (each of which buys a guest budget).
    // Mobile carriers put many phones behind one address, but a storefront that sends its guest token on catalog calls
    // is counted per session, so this budget binds clients that never take a token: crawlers and scripts.
    [Range(1, 1_000_000)]
    public int AnonymousPermitLimit { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AnonymousWindow { get; set; } = TimeSpan.FromMinutes(1);

    // Starting guest sessions, per address: each session buys a guest budget of its own, so without a budget of their
    // own a client could multiply its limit by starting sessions. A storefront starts one per visitor.
    [Range(1, 1_000_000)]
    public int GuestSessionPermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan GuestSessionWindow { get; set; } = TimeSpan.FromMinutes(1);

    // Sign-in attempts (the admin console's form), per address, whichever accounts they name: each account locks after
    // 5 failures, so without this one address could try 4 passwords on every account. Staff sharing an office address
    // sign in a few times a day each; a script trying passwords is held to 2 a minute.
    [Range(1, 1_000_000)]
    public int SignInPermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The shared count in Redis keeps its windows in whole seconds.</summary>
    public bool HasWholeSecondWindows() =>
        new[] { UserWindow, GuestWindow, AnonymousWindow, GuestSessionWindow, SignInWindow }
            .All(w => w.Ticks % TimeSpan.TicksPerSecond == 0);
}
