using System.Security.Claims;
using Cart.Web.Admin.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Staff;

/// <summary>
/// Where a signed-in staff member stands now, whatever their session says. A console tab keeps the user its circuit
/// started with for hours; an admin may disable them, they may sign out elsewhere, or lose a role meanwhile. Every
/// read and change of the console asks here first: the account is read fresh from the database (a scope of its own), its
/// security stamp must still be the session's (signing out and disabling change it), it must not be disabled, and the
/// policy is evaluated on the account's roles as they are now. Anything else, a failure to read included, refuses.
/// </summary>
public sealed partial class StaffStanding(
    IServiceScopeFactory scopes,
    IAuthorizationService authorization,
    IOptions<IdentityOptions> identity,
    ILogger<StaffStanding> logger)
{
    /// <summary>The session's account as it is now, when it is in good standing and meets at least one of
    /// <paramref name="policies"/>; null otherwise.</summary>
    public async Task<IdentityUser?> AccountMeetingAnyAsync(ClaimsPrincipal session, params string[] policies)
    {
        var now = await CurrentAsync(session);
        if (now is { } current)
        {
            foreach (var policy in policies)
            {
                if ((await authorization.AuthorizeAsync(current.Principal, policy)).Succeeded)
                {
                    return current.Account;
                }
            }
        }

        LogRefused(logger, session.Identity?.Name, string.Join(", ", policies));
        return null;
    }

    /// <summary>Whether the session may go on as it is: the account in good standing with the very roles the session
    /// carries (a session whose roles changed is ended, and its next sign-in or cookie check carries the new ones).</summary>
    public async Task<bool> SessionStillValidAsync(ClaimsPrincipal session)
    {
        if (await CurrentAsync(session) is not { } current)
        {
            return false;
        }

        return RolesOf(session).SetEquals(RolesOf(current.Principal));
    }

    /// <summary>The account behind <paramref name="session"/> and a principal built from it as a fresh sign-in would
    /// build it; null when the account is gone, disabled, or its security stamp is no longer the session's.</summary>
    private async Task<(IdentityUser Account, ClaimsPrincipal Principal)?> CurrentAsync(ClaimsPrincipal session)
    {
        if (session.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var stamp = session.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            if (users.GetUserId(session) is not { Length: > 0 } id || string.IsNullOrEmpty(stamp)
                || await users.FindByIdAsync(id) is not { } account || StaffStatuses.IsDisabled(account)
                || !string.Equals(stamp, await users.GetSecurityStampAsync(account), StringComparison.Ordinal))
            {
                return null;
            }

            var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>()
                .CreateAsync(account);
            return (account, principal);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnreadable(logger, e, session.Identity?.Name);
            return null;
        }
    }

    private HashSet<string> RolesOf(ClaimsPrincipal principal) =>
        principal.FindAll(identity.Value.ClaimsIdentity.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    [LoggerMessage(LogLevel.Warning,
        "Console user {Staff} was refused ({Policies}): signed out, disabled or without the role now")]
    private static partial void LogRefused(ILogger logger, string? staff, string policies);

    [LoggerMessage(LogLevel.Warning, "Could not read the standing of console user {Staff}; refused")]
    private static partial void LogUnreadable(ILogger logger, Exception e, string? staff);
}
