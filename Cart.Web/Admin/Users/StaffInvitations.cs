using System.Globalization;
using System.Net;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Hosting;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Users;

/// <summary>What an invitation link is worth when it is opened.</summary>
public enum InvitationState
{
    /// <summary>The link works: the account may set its password.</summary>
    Open,

    /// <summary>The password was set with it already.</summary>
    Used,

    /// <summary>Past its lifetime, replaced by a newer invitation, or not a link this service made.</summary>
    ExpiredOrInvalid,

    /// <summary>The account was disabled since.</summary>
    Disabled,
}

/// <summary>
/// Invitation emails and their links: an account without a password gets a link (an Identity token, valid for
/// <see cref="AdminOptions.InvitationLifetime"/>) to the page where its owner sets one. Accepting only sets the password:
/// the new staff member then signs in like everyone else.
/// </summary>
internal sealed partial class StaffInvitations(
    UserManager<IdentityUser> users,
    InvitationTokenProvider tokens,
    IEmailSender email,
    PublicAddress address,
    IOptions<AdminOptions> admin,
    TimeProvider clock,
    ILogger<StaffInvitations> logger)
{
    public const string PagePath = "/admin/invitation";

    /// <summary>Sends <paramref name="user"/> a new invitation link (throws <see cref="EmailNotSentException"/> or
    /// any failure of the sender).</summary>
    public async Task SendAsync(IdentityUser user, string invitedBy, CancellationToken cancellationToken)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName,
            InvitationTokenProvider.Purpose);
        var link = new Uri(address.BaseUrl,
            $"{PagePath}?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        var until = (clock.GetUtcNow() + admin.Value.InvitationLifetime)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var text = $"{invitedBy} has invited you to the Cart console.\n\nSet your password here (the link works once, " +
                   $"until {until}):\n{link.AbsoluteUri}\n";
        var html = $"<p>{WebUtility.HtmlEncode(invitedBy)} has invited you to the Cart console.</p>" +
                   $"<p><a href=\"{WebUtility.HtmlEncode(link.AbsoluteUri)}\">Set your password</a> " +
                   $"(the link works once, until {until}).</p>";
        await email.SendAsync(new EmailMessage(user.Email!, "Your invitation to the Cart console", html, text),
            cancellationToken);
    }

    /// <summary>What the link with <paramref name="userId"/> and <paramref name="token"/> is worth, and for whom. The
    /// token is checked first: a link that is not one this service sent tells nothing about the account it names.</summary>
    public async Task<(InvitationState State, IdentityUser? User)> CheckAsync(string? userId, string? token)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(token) || !tokens.IsGenuine(token, user.Id))
        {
            return (InvitationState.ExpiredOrInvalid, null);
        }

        if (StaffStatuses.IsDisabled(user))
        {
            return (InvitationState.Disabled, user);
        }

        if (await users.HasPasswordAsync(user))
        {
            return (InvitationState.Used, user);
        }

        // Genuine but made before the account's stamp last changed: a newer invitation replaced it.
        return await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName,
            InvitationTokenProvider.Purpose, token)
            ? (InvitationState.Open, user)
            : (InvitationState.ExpiredOrInvalid, null);
    }

    /// <summary>Sets the invited account's password (Identity's password rules apply). Returns the state the link was
    /// in and, when it was open, the password rules it broke (none: the password is set).</summary>
    public async Task<(InvitationState State, IReadOnlyList<string> Errors)> AcceptAsync(string? userId, string? token,
        string password)
    {
        var (state, user) = await CheckAsync(userId, token);
        if (state != InvitationState.Open)
        {
            return (state, []);
        }

        // Sets the password and changes the security stamp in one update: the link is spent, and a second accept that
        // raced this one fails on the account's concurrency stamp.
        var result = await users.AddPasswordAsync(user!, password);
        if (!result.Succeeded)
        {
            return (state, result.Errors.Select(e => e.Description).ToList());
        }

        user!.EmailConfirmed = true; // the link reached the mailbox
        await users.UpdateAsync(user);
        LogAccepted(logger, user.Email);
        return (state, []);
    }

    [LoggerMessage(LogLevel.Information, "Console user {Email} accepted their invitation and set a password")]
    private static partial void LogAccepted(ILogger logger, string? email);
}
