using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Web.Admin.Staff;

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
        app.MapPost(SignInAction, SignInAsync).AllowAnonymous().WithName("StaffSignIn").ExcludeFromDescription();
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

    private static async Task<IResult> SignInAsync([FromForm] SignInForm form, HttpContext context,
        StaffSignIn signIn)
    {
        var returnUrl = ConsolePathOrHome(form.ReturnUrl);
        var (outcome, retryAfter) = await signIn.SignInAsync(form.Email, form.Password,
            context.Connection.RemoteIpAddress, context.RequestAborted);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                return Results.LocalRedirect(returnUrl);
            case SignInOutcome.TooMany:
                // The form says when the address may try again; the attempt itself was never made.
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return Results.LocalRedirect(string.Create(CultureInfo.InvariantCulture,
                    $"{SignInPage}?error=too-many&retryAfter={retryAfter}"));
            default:
                // One answer for every failure: the page must not tell which accounts exist or how they stand.
                return Results.LocalRedirect($"{SignInPage}?error=failed&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
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
