using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cart.Web.Admin.Users;
using Cart.Web.Platform.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Web.Admin;

/// <summary>
/// Signing staff in and out. Plain form posts (the sign-in page is rendered on the server, without a circuit), so the
/// cookie is set on an ordinary response and the antiforgery token is checked by the framework.
/// </summary>
internal static class StaffAccountEndpoints
{
    public const string SignInPage = "/admin/sign-in";
    public const string DeniedPage = "/admin/denied";
    public const string SignInAction = "/admin/account/sign-in";
    public const string SignOutAction = "/admin/account/sign-out";
    public const string Home = "/admin";

    public static WebApplication MapStaffAccountEndpoints(this WebApplication app)
    {
        app.MapPost(SignInAction, SignInAsync).AllowAnonymous().WithName("StaffSignIn").ExcludeFromDescription()
            .CountedAsSignInAttempts(TooManyAttemptsAsync);
        app.MapPost(SignOutAction, SignOutAsync).RequireAuthorization(StaffRoles.StaffPolicy).WithName("StaffSignOut")
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The sign-in form's fields. An empty one is a failed sign-in like any other (the page says so), not a
    /// problem document a person would see.</summary>
    public sealed class SignInForm
    {
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [StringLength(256)]
        public string Password { get; set; } = string.Empty;

        [StringLength(2048)]
        public string? ReturnUrl { get; set; }
    }

    private static async Task<IResult> SignInAsync([FromForm] SignInForm form, SignInManager<IdentityUser> signIn,
        TimeProvider clock)
    {
        var returnUrl = ConsolePathOrHome(form.ReturnUrl);
        var result = string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(form.Email.Trim(), form.Password, isPersistent: false,
                lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (await signIn.UserManager.FindByNameAsync(form.Email.Trim()) is { } user)
            {
                await LastSignIn.RecordAsync(signIn.UserManager, user, clock.GetUtcNow());
            }

            return Results.LocalRedirect(returnUrl);
        }

        // One message for a wrong email and a wrong password: the page must not tell which accounts exist.
        var error = result.IsLockedOut ? "locked" : "failed";
        return Results.LocalRedirect($"{SignInPage}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    /// <summary>An address over its sign-in budget (RateLimits:SignInPermitLimit) is sent back to the form, which says
    /// when it may try again; the attempt itself was never made.</summary>
    private static Task TooManyAttemptsAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Redirect(string.Create(CultureInfo.InvariantCulture,
            $"{SignInPage}?error=too-many&retryAfter={retryAfterSeconds}"));
        return Task.CompletedTask;
    }

    /// <summary>Ends this session and every other copy of its cookie: the account's security stamp changes, so any
    /// instance rejects the old cookie at its next check (<see cref="AdminOptions.RecheckInterval"/>).</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, SignInManager<IdentityUser> signIn,
        UserManager<IdentityUser> users, IAntiforgery antiforgery)
    {
        // The sign-out binds no form field, so the framework does not check the antiforgery token by itself: without
        // this, any site could sign staff out with a hidden form.
        await RequireAntiforgeryTokenAsync(context, antiforgery);
        if (await users.GetUserAsync(context.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect($"{SignInPage}?signedOut=1");
    }

    /// <summary>Refuses (400, as the framework refuses a form without its token) a post without a valid antiforgery
    /// token, for the console's posts that bind no form fields.</summary>
    public static async Task RequireAntiforgeryTokenAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            throw new BadHttpRequestException("The antiforgery token is missing or not valid.");
        }
    }

    /// <summary>Where to go after signing in: a path of the console, never another site (an open redirect). Only
    /// visible ASCII and spaces: the framework's local-redirect check throws on a control character (a tab, CR, LF),
    /// and a Location header carries nothing else; the console's own links are escaped.</summary>
    public static string ConsolePathOrHome(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(Home, StringComparison.Ordinal)
                              && (returnUrl.Length == Home.Length || returnUrl[Home.Length] is '/' or '?')
                              && !returnUrl.Contains('\\', StringComparison.Ordinal)
                              && !returnUrl.Contains("//", StringComparison.Ordinal)
                              && returnUrl.All(c => c is >= ' ' and <= '~')
            ? returnUrl
            : Home;
}
