using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Data.Common;
using Cart.Infrastructure.Persistence;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cart.Web.Admin.Users;

/// <summary>
/// What an admin does to staff accounts: invite, assign roles, disable and enable, each logged with who did what.
/// It runs inside a console action (<see cref="Cart.Web.Admin.Actions.ConsoleRunner"/>), which has checked that the
/// acting admin (<c>me</c>, their account as it is now) is an admin and given it a fresh scope.
/// </summary>
internal sealed partial class StaffAdministration(
    IServiceScopeFactory scopes,
    UserManager<IdentityUser> users,
    CartDbContext db,
    StaffInvitations invitations,
    ILogger<StaffAdministration> logger)
{
    public async Task<ConsoleResult<string>> InviteAsync(IdentityUser me, string email, IReadOnlyCollection<string> roles,
        CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (!new EmailAddressAttribute().IsValid(email) || email.Length > 256)
        {
            return ConsoleResult<string>.Invalid("Enter a valid email address.");
        }

        if (RolesProblem(roles) is { } problem)
        {
            return ConsoleResult<string>.Invalid(problem);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return ConsoleResult<string>.Invalid($"A staff account with {email} exists already.");
        }

        var user = new IdentityUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user); // no password: the invitee chooses it
        if (!created.Succeeded || !(await users.AddToRolesAsync(user, roles)).Succeeded)
        {
            return ConsoleResult<string>.Invalid(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        try
        {
            await invitations.SendAsync(user, me.Email!, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No half-made invitation: without its email nobody could ever use the account.
            await users.DeleteAsync(user);
            LogInvitationNotSent(logger, e, me.Email, email);
            return ConsoleResult<string>.Invalid($"The invitation email to {email} could not be sent; nothing was created. Try again later.");
        }

        LogInvited(logger, me.Email, email, string.Join(", ", roles));
        return Saved($"Invitation sent to {email}.");
    }

    public async Task<ConsoleResult<string>> ResendInvitationAsync(IdentityUser me, string userId,
        CancellationToken cancellationToken) =>
        await ActOnAsync(me, userId, async target =>
        {
            if (await users.HasPasswordAsync(target))
            {
                return ConsoleResult<string>.Invalid($"{target.Email} has accepted their invitation already.");
            }

            await users.UpdateSecurityStampAsync(target); // the earlier links stop working
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<StaffInvitations>().SendAsync(target, me.Email!, cancellationToken);
            LogResent(logger, me.Email, target.Email);
            return Saved($"A new invitation was sent to {target.Email}.");
        });

    public async Task<ConsoleResult<string>> SetRolesAsync(IdentityUser me, string userId,
        IReadOnlyCollection<string> roles) =>
        RolesProblem(roles) is { } problem
            ? ConsoleResult<string>.Invalid(problem, "roles")
            : await ActOnAsync(me, userId, async target =>
            {
                var current = await users.GetRolesAsync(target);
                if (current.Contains(StaffRoles.Admin) && !roles.Contains(StaffRoles.Admin))
                {
                    if (target.Id == me.Id)
                    {
                        return ConsoleResult<string>.Invalid("You cannot remove your own Admin role.");
                    }

                    if (await StaffDirectory.ActiveAdminsAsync(users, except: target.Id) == 0)
                    {
                        return ConsoleResult<string>.Invalid($"{target.Email} is the last active admin: make another admin first.");
                    }
                }

                Check(await users.RemoveFromRolesAsync(target, current.Except(roles)));
                Check(await users.AddToRolesAsync(target, roles.Except(current)));
                // Their sessions pick up the new roles at the next check (Admin:RecheckInterval).
                LogRolesSet(logger, me.Email, target.Email, string.Join(", ", roles));
                return Saved($"{target.Email} now has the roles {string.Join(", ", StaffRoles.All.Where(roles.Contains))}.");
            });

    public async Task<ConsoleResult<string>> DisableAsync(IdentityUser me, string userId) =>
        await ActOnAsync(me, userId, async target =>
        {
            if (target.Id == me.Id)
            {
                return ConsoleResult<string>.Invalid("You cannot disable your own account.");
            }

            if (await users.IsInRoleAsync(target, StaffRoles.Admin)
                && await StaffDirectory.ActiveAdminsAsync(users, except: target.Id) == 0)
            {
                return ConsoleResult<string>.Invalid($"{target.Email} is the last active admin and cannot be disabled.");
            }

            Check(await users.SetLockoutEnabledAsync(target, true));
            Check(await users.SetLockoutEndDateAsync(target, StaffStatuses.DisabledUntil));
            // Every cookie of theirs fails its next check (Admin:RecheckInterval), on every instance.
            Check(await users.UpdateSecurityStampAsync(target));
            LogDisabled(logger, me.Email, target.Email);
            return Saved($"{target.Email} is disabled and signed out everywhere.");
        });

    public async Task<ConsoleResult<string>> EnableAsync(IdentityUser me, string userId) =>
        await ActOnAsync(me, userId, async target =>
        {
            Check(await users.SetLockoutEndDateAsync(target, null));
            Check(await users.ResetAccessFailedCountAsync(target));
            LogEnabled(logger, me.Email, target.Email);
            return Saved($"{target.Email} is enabled.");
        });

    /// <summary>
    /// Runs <paramref name="action"/> on the account <paramref name="userId"/> for an acting admin, in a serializable
    /// transaction: the guard rails count admins, and two admins demoting each other at once must not both pass.
    /// </summary>
    private async Task<ConsoleResult<string>> ActOnAsync(IdentityUser me, string userId,
        Func<IdentityUser, Task<ConsoleResult<string>>> action)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable);
            if (await users.FindByIdAsync(userId) is not { } target)
            {
                return ConsoleResult<string>.NotFound("That account does not exist any more.");
            }

            var result = await action(target);
            if (result.Succeeded)
            {
                await transaction.CommitAsync();
            }

            return result;
        }
        catch (Exception e) when (e is DbException or DbUpdateException or StaffChangeConflictException)
        {
            LogConflict(logger, e, me.Email, userId);
            return ConsoleResult<string>.Conflict("The account changed at the same moment; nothing was changed. Try again.");
        }
    }

    private static ConsoleResult<string> Saved(string message) => ConsoleResult<string>.Done(message, message);

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

    [LoggerMessage(LogLevel.Warning, "Console admin {Actor} could not change {UserId}: a concurrent change")]
    private static partial void LogConflict(ILogger logger, Exception e, string? actor, string userId);
}

/// <summary>Identity refused a step of a change (another change won the account's concurrency stamp).</summary>
internal sealed class StaffChangeConflictException(string message) : Exception(message);
