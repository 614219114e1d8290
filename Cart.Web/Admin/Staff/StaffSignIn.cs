using System.Net;
using System.Security.Cryptography;
using Cart.Web.Admin.Users;
using Cart.Web.Platform.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace Cart.Web.Admin.Staff;

/// <summary>What a sign-in attempt came to.</summary>
internal enum SignInOutcome
{
    SignedIn,

    /// <summary>Whatever went wrong (unknown email, wrong password, disabled or invited account): one answer, so the
    /// form tells nobody which accounts exist or what state they are in.</summary>
    Failed,

    /// <summary>The client's address has spent its budget of failures; nothing was tried.</summary>
    TooMany,
}

/// <summary>
/// Signs a staff member in with email and password. An unknown email costs the same work as a known one (the password
/// is checked against a stand-in hash), every failure gets the same answer, and Identity's lockout is never used: an
/// account's failures in a row slow its next answers instead (<see cref="SignInFailures"/>), so that a stranger
/// without the password can slow an account down but never lock its owner out.
/// </summary>
internal sealed class StaffSignIn(
    SignInManager<IdentityUser> signIn,
    SignInFailures failures,
    TimeProvider clock)
{
    // A hash of a random password made once by the same hasher (same algorithm, same iterations), which an unknown
    // account's attempt is checked against: its answer then takes as long as a known account's.
    private static string? StandInHash;

    private UserManager<IdentityUser> Users => signIn.UserManager;

    /// <returns>The outcome, and with <see cref="SignInOutcome.TooMany"/> the whole seconds until the address may try
    /// again.</returns>
    public async Task<(SignInOutcome Outcome, int RetryAfterSeconds)> SignInAsync(string? email, string? password,
        IPAddress? client, CancellationToken cancellationToken)
    {
        var address = ClientAddress.KeyOf(client);
        if (await failures.TakeAddressPlaceAsync(address) is { } retryAfter)
        {
            return (SignInOutcome.TooMany, retryAfter);
        }

        email = email?.Trim() ?? "";
        password ??= "";
        var name = Users.NormalizeName(email) ?? "";
        var delay = await failures.DelayBeforeAttemptAsync(name);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, clock, cancellationToken);
        }

        var user = email.Length == 0 ? null : await Users.FindByNameAsync(email);
        if (!await PasswordMatchesAsync(user, password) || !await MaySignInAsync(user!))
        {
            return (SignInOutcome.Failed, 0);
        }

        await signIn.SignInAsync(user!, isPersistent: false);
        await failures.SucceededAsync(address, name);
        await LastSignIn.RecordAsync(Users, user!, clock.GetUtcNow());
        return (SignInOutcome.SignedIn, 0);
    }

    /// <summary>Whether <paramref name="password"/> is <paramref name="user"/>'s; for no user, or a user without a
    /// password yet (invited), the same work against the stand-in hash, and false.</summary>
    private async Task<bool> PasswordMatchesAsync(IdentityUser? user, string password)
    {
        if (user?.PasswordHash is { Length: > 0 })
        {
            return await Users.CheckPasswordAsync(user, password);
        }

        var standIn = StandInHash ??= Users.PasswordHasher.HashPassword(new IdentityUser(),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Users.PasswordHasher.VerifyHashedPassword(new IdentityUser(), standIn, password);
        return false;
    }

    /// <summary>Not disabled by an admin, and whatever else Identity requires (a confirmed email).</summary>
    private async Task<bool> MaySignInAsync(IdentityUser user) =>
        !StaffStatuses.IsDisabled(user) && await signIn.CanSignInAsync(user);
}
