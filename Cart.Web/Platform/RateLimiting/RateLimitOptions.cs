using System.ComponentModel.DataAnnotations;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// How many requests to <c>/api</c> routes each caller may make per window: a shopper is counted by the token's user id,
/// a guest by the token's session id, a call without a token by the client's IP address. Also how many failed
/// sign-ins each client address may make, and how each account's failures slow its next answers.
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

    // Failed sign-ins to the admin console's form, per address, whichever accounts they name: without this one address
    // could try a few passwords on every account. Only failures count, so a team behind one office address signs in
    // at the start of a shift; a script trying passwords is held to 2 a minute.
    [Range(1, 1_000_000)]
    public int SignInPermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    // Per account, failures in a row are answered later and later (1 s, 2 s, 4 s... up to SignInMaxDelay) after the
    // first few: guessing one account's password slows to a crawl, yet nobody can lock its owner out, who waits at most
    // SignInMaxDelay and signs in. An account's count is forgotten SignInFailureMemory after its last failure.
    [Range(0, 100)]
    public int SignInFreeFailures { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SignInMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SignInFailureMemory { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The shared count in Redis keeps its windows in whole seconds.</summary>
    public bool HasWholeSecondWindows() =>
        new[] { UserWindow, GuestWindow, AnonymousWindow, GuestSessionWindow, SignInWindow }
            .All(w => w.Ticks % TimeSpan.TicksPerSecond == 0);
}
