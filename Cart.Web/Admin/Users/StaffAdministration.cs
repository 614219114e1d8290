using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Data.Common;
using System.Security.Claims;
using Cart.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cart.Web.Admin.Users;

/// <summary>
/// What an admin does to staff accounts: list, invite, assign roles, disable and enable. Every call checks that the
/// acting user is an admin now (the policy on their session, and their account in the database), whatever the page
/// showed, and is logged with who did what. Each call runs in a scope of its own: a page's circuit lives for hours,
/// and a fresh context never acts on stale accounts.
/// </summary>
internal sealed partial class StaffAdministration(
    IServiceScopeFactory scopes,
    StaffStanding standing,
    ILogger<StaffAdministration> logger)
{
    public async Task<StaffPage> PageAsync(ClaimsPrincipal actor, string? emailStartsWith, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ActingAdminAsync(actor);
        return await scope.ServiceProvider.GetRequiredService<StaffDirectory>()
            .PageAsync(emailStartsWith, page, pageSize, cancellationToken);
    }

    public async Task<StaffActionResult> InviteAsync(ClaimsPrincipal actor, string email, IReadOnlyCollection<string> roles,
        CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (!new EmailAddressAttribute().IsValid(email) || email.Length > 256)
        {
            return StaffActionResult.Refused("Enter a valid email address.");
        }

        if (RolesProblem(roles) is { } problem)
        {
            return StaffActionResult.Refused(problem);
        }

        await using var scope = scopes.CreateAsyncScope();
        var me = await ActingAdminAsync(actor);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return StaffActionResult.Refused($"A staff account with {email} exists already.");
        }

        var user = new IdentityUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user); // no password: the invitee chooses it
        if (!created.Succeeded || !(await users.AddToRolesAsync(user, roles)).Succeeded)
        {
            return StaffActionResult.Refused(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        try
        {
            await scope.ServiceProvider.GetRequiredService<StaffInvitations>().SendAsync(user, me.Email!, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No half-made invitation: without its email nobody could ever use the account.
            await users.DeleteAsync(user);
            LogInvitationNotSent(logger, e, me.Email, email);
            return StaffActionResult.Refused($"The invitation email to {email} could not be sent; nothing was created. Try again later.");
        }

        LogInvited(logger, me.Email, email, string.Join(", ", roles));
        return StaffActionResult.Ok($"Invitation sent to {email}.");
    }

    public async Task<StaffActionResult> ResendInvitationAsync(ClaimsPrincipal actor, string userId,
        CancellationToken cancellationToken) =>
        await ActOnAsync(actor, userId, async (me, target, users) =>
        {
            if (await users.HasPasswordAsync(target))
            {
                return StaffActionResult.Refused($"{target.Email} has accepted their invitation already.");
            }

            await users.UpdateSecurityStampAsync(target); // the earlier links stop working
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<StaffInvitations>().SendAsync(target, me.Email!, cancellationToken);
            LogResent(logger, me.Email, target.Email);
            return StaffActionResult.Ok($"A new invitation was sent to {target.Email}.");
        });

    public async Task<StaffActionResult> SetRolesAsync(ClaimsPrincipal actor, string userId, IReadOnlyCollection<string> roles,
        CancellationToken cancellationToken) =>
        RolesProblem(roles) is { } problem
            ? StaffActionResult.Refused(problem)
            : await ActOnAsync(actor, userId, async (me, target, users) =>
            {
                var current = await users.GetRolesAsync(target);
                if (current.Contains(StaffRoles.Admin) && !roles.Contains(StaffRoles.Admin))
                {
                    if (target.Id == me.Id)
                    {
                        return StaffActionResult.Refused("You cannot remove your own Admin role.");
                    }

                    if (await StaffDirectory.ActiveAdminsAsync(users, except: target.Id) == 0)
                    {
                        return StaffActionResult.Refused($"{target.Email} is the last active admin: make another admin first.");
                    }
                }

                Check(await users.RemoveFromRolesAsync(target, current.Except(roles)));
                Check(await users.AddToRolesAsync(target, roles.Except(current)));
                // Their sessions pick up the new roles at the next check (Admin:RecheckInterval).
                LogRolesSet(logger, me.Email, target.Email, string.Join(", ", roles));
                return StaffActionResult.Ok($"{target.Email} now has the roles {string.Join(", ", StaffRoles.All.Where(roles.Contains))}.");
            });

    public async Task<StaffActionResult> DisableAsync(ClaimsPrincipal actor, string userId,
        CancellationToken cancellationToken) =>
        await ActOnAsync(actor, userId, async (me, target, users) =>
        {
            if (target.Id == me.Id)
            {
                return StaffActionResult.Refused("You cannot disable your own account.");
            }

            if (await users.IsInRoleAsync(target, StaffRoles.Admin)
                && await StaffDirectory.ActiveAdminsAsync(users, except: target.Id) == 0)
            {
                return StaffActionResult.Refused($"{target.Email} is the last active admin and cannot be disabled.");
            }

            Check(await users.SetLockoutEnabledAsync(target, true));
            Check(await users.SetLockoutEndDateAsync(target, StaffStatuses.DisabledUntil));
            // Every cookie of theirs fails its next check (Admin:RecheckInterval), on every instance.
            Check(await users.UpdateSecurityStampAsync(target));
            LogDisabled(logger, me.Email, target.Email);
            return StaffActionResult.Ok($"{target.Email} is disabled and signed out everywhere.");
        });

    public async Task<StaffActionResult> EnableAsync(ClaimsPrincipal actor, string userId,
        CancellationToken cancellationToken) =>
        await ActOnAsync(actor, userId, async (me, target, users) =>
        {
            Check(await users.SetLockoutEndDateAsync(target, null));
            Check(await users.ResetAccessFailedCountAsync(target));
            LogEnabled(logger, me.Email, target.Email);
            return StaffActionResult.Ok($"{target.Email} is enabled.");
        });

    /// <summary>
    /// Runs <paramref name="action"/> on the account <paramref name="userId"/> for an acting admin, in a serializable
    /// transaction: the guard rails count admins, and two admins demoting each other at once must not both pass.
    /// </summary>
    private async Task<StaffActionResult> ActOnAsync(ClaimsPrincipal actor, string userId,
        Func<IdentityUser, IdentityUser, UserManager<IdentityUser>, Task<StaffActionResult>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        var me = await ActingAdminAsync(actor);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable);
            if (await users.FindByIdAsync(userId) is not { } target)
            {
                return StaffActionResult.Refused("That account does not exist any more.");
            }

            var result = await action(me, target, users);
            if (result.Done)
            {
                await transaction.CommitAsync();
            }

            return result;
        }
        catch (Exception e) when (e is DbException or DbUpdateException or StaffChangeConflictException)
        {
            LogConflict(logger, e, me.Email, userId);
            return StaffActionResult.Refused("The account changed at the same moment; nothing was changed. Try again.");
        }
    }

    /// <summary>The acting admin's account as it is now, or why they may not act: an admin demoted, disabled or signed
    /// out a moment ago still holds a session (<see cref="StaffStanding"/>).</summary>
    private async Task<IdentityUser> ActingAdminAsync(ClaimsPrincipal actor)
    {
        if (await standing.AccountMeetingAnyAsync(actor, StaffRoles.AdminPolicy) is not { } me)
        {
            LogNotAnAdmin(logger, actor.Identity?.Name);
            throw new StaffAdministrationDeniedException();
        }

        return me;
    }

    private static string? RolesProblem(IReadOnlyCollection<string> roles) =>
        roles.Count == 0 ? "Choose at least one role."
        : roles.Any(r => !StaffRoles.All.Contains(r)) ? "Choose among Admin, Merchandiser and Support."
        : null;

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StaffChangeConflictException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(LogLevel.Information, "Console admin {Actor} invited {Email} with the roles {Roles}")]
    private static partial void LogInvited(ILogger logger, string? actor, string email, string roles);

    [LoggerMessage(LogLevel.Warning, "Console admin {Actor} could not invite {Email}: the email was not sent")]
    private static partial void LogInvitationNotSent(ILogger logger, Exception e, string? actor, string email);

    [LoggerMessage(LogLevel.Information, "Console admin {Actor} sent {Email} a new invitation")]
    private static partial void LogResent(ILogger logger, string? actor, string? email);

    [LoggerMessage(LogLevel.Information, "Console admin {Actor} set the roles of {Email} to {Roles}")]
    private static partial void LogRolesSet(ILogger logger, string? actor, string? email, string roles);

    [LoggerMessage(LogLevel.Information, "Console admin {Actor} disabled {Email}")]
    private static partial void LogDisabled(ILogger logger, string? actor, string? email);

    [LoggerMessage(LogLevel.Information, "Console admin {Actor} enabled {Email}")]
    private static partial void LogEnabled(ILogger logger, string? actor, string? email);

    [LoggerMessage(LogLevel.Warning, "Console user {Actor} tried to manage staff accounts without being an admin")]
    private static partial void LogNotAnAdmin(ILogger logger, string? actor);

    [LoggerMessage(LogLevel.Warning, "Console admin {Actor} could not change {UserId}: a concurrent change")]
    private static partial void LogConflict(ILogger logger, Exception e, string? actor, string userId);
}

/// <summary>The acting user is not an admin (now): nothing is shown or changed.</summary>
public sealed class StaffAdministrationDeniedException()
    : UnauthorizedAccessException("Only admins manage staff accounts. If your account was changed, sign in again.");

/// <summary>Identity refused a step of a change (another change won the account's concurrency stamp).</summary>
internal sealed class StaffChangeConflictException(string message) : Exception(message);
