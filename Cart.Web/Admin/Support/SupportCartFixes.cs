using System.Security.Claims;
using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Admin.Support;

/// <summary>
/// The fixes a support user (or an admin) makes to a customer's cart. Each checks, here and not only by hiding a
/// button, that the staff member meets <see cref="StaffRoles.SupportPolicy"/>, that the reason will do, and makes the
/// fix through the Carts module's write path in a scope of its own (a console circuit lives long and may do several
/// things at once; a write must not share its database context). The Holds page calls
/// <see cref="ReleaseHoldAsync"/> too.
/// </summary>
public sealed class SupportCartFixes(IServiceScopeFactory scopes, StaffStanding standing,
    ILogger<SupportCartFixes> logger)
{
    public Task<SupportFixResult> SetQuantityAsync(string cartId, string sku, int quantity, long expectedVersion,
        string reason, ClaimsPrincipal staff, CancellationToken cancellationToken) =>
        ApplyAsync(staff, reason, actor => new SupportFix(cartId, expectedVersion, actor, reason,
            SupportAction.SetQuantity, sku, quantity), cancellationToken);

    public Task<SupportFixResult> RemoveLineAsync(string cartId, string sku, long expectedVersion, string reason,
        ClaimsPrincipal staff, CancellationToken cancellationToken) =>
        ApplyAsync(staff, reason, actor => new SupportFix(cartId, expectedVersion, actor, reason,
            SupportAction.RemoveLine, sku), cancellationToken);

    public Task<SupportFixResult> ClearAsync(string cartId, long expectedVersion, string reason,
        ClaimsPrincipal staff, CancellationToken cancellationToken) =>
        ApplyAsync(staff, reason, actor => new SupportFix(cartId, expectedVersion, actor, reason,
            SupportAction.ClearCart), cancellationToken);

    /// <summary>Gives one line (<paramref name="sku"/>), or every line (null), the catalog's current price.</summary>
    public Task<SupportFixResult> RepriceAsync(string cartId, string? sku, long expectedVersion, string reason,
        ClaimsPrincipal staff, CancellationToken cancellationToken) =>
        ApplyAsync(staff, reason, actor => new SupportFix(cartId, expectedVersion, actor, reason,
            SupportAction.RepriceLines, sku), cancellationToken);

    /// <summary>Gives the held units of the cart's line for <paramref name="sku"/> back; the line stays. Merchandisers
    /// may do this one too (from the holds of a SKU): stock tied up is theirs to free.</summary>
    public Task<SupportFixResult> ReleaseHoldAsync(string cartId, string sku, long expectedVersion, string reason,
        ClaimsPrincipal staff, CancellationToken cancellationToken) =>
        ApplyAsync(staff, reason, actor => new SupportFix(cartId, expectedVersion, actor, reason,
            SupportAction.ReleaseHold, sku), cancellationToken, StaffRoles.SupportPolicy, StaffRoles.MerchandisingPolicy);

    /// <summary>Renews the hold of the cart's line for <paramref name="sku"/> from now, for the normal hold duration.</summary>
    public Task<SupportFixResult> ExtendHoldAsync(string cartId, string sku, long expectedVersion, string reason,
        ClaimsPrincipal staff, CancellationToken cancellationToken) =>
        ApplyAsync(staff, reason, actor => new SupportFix(cartId, expectedVersion, actor, reason,
            SupportAction.ExtendHold, sku), cancellationToken);

    /// <summary>Restores the line the timeline entry <paramref name="removalEventId"/> removed, as it was.</summary>
    public Task<SupportFixResult> UndoRemovalAsync(string cartId, long removalEventId, long expectedVersion,
        string reason, ClaimsPrincipal staff, CancellationToken cancellationToken) =>
        ApplyAsync(staff, reason, actor => new SupportFix(cartId, expectedVersion, actor, reason,
            SupportAction.UndoRemoval, RemovalEventId: removalEventId), cancellationToken);

    /// <param name="policies">The console policies any one of which lets the staff member make the fix (support's
    /// alone unless said).</param>
    private async Task<SupportFixResult> ApplyAsync(ClaimsPrincipal staff, string reason,
        Func<CartActor, SupportFix> fix, CancellationToken cancellationToken, params string[] policies)
    {
        // The staff member as their account is now: a tab left open after they were disabled, signed out or lost the
        // role changes nothing.
        if (await standing.AccountMeetingAnyAsync(staff, policies.Length == 0 ? [StaffRoles.SupportPolicy] : policies)
            is null)
        {
            return new SupportFixResult(SupportFixStatus.Forbidden,
                "Only support staff and admins can fix carts. If your account was changed, sign in again.");
        }

        if (SupportReasons.Problem(reason) is { } problem)
        {
            return new SupportFixResult(SupportFixStatus.InvalidReason, problem);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var fixes = scope.ServiceProvider.GetRequiredService<ICartSupportFixes>();
            var version = await fixes.ApplyAsync(fix(ActorOf(staff)), cancellationToken);
            return new SupportFixResult(SupportFixStatus.Done, "Saved.", version);
        }
        catch (DomainException e) when (e.Error.Code == ErrorCodes.VersionMismatch)
        {
            return new SupportFixResult(SupportFixStatus.Conflict,
                "The cart changed since you opened it (the shopper or someone else changed it). Nothing was changed: " +
                "the cart below is the current one; check it and try again if the fix is still needed.");
        }
        catch (DomainException e)
        {
            return new SupportFixResult(SupportFixStatus.Refused, e.Message);
        }
        catch (Exception e) when (e is RetryLaterException or CommitOutcomeUnknownException)
        {
            logger.LogWarning(e, "A support fix could not be made now");
            return new SupportFixResult(SupportFixStatus.Busy, "The cart is busy; reload it and try again.");
        }
    }

    /// <summary>The staff member as the timeline keeps them: their account id, and their email as it is now.</summary>
    private static CartActor ActorOf(ClaimsPrincipal staff)
    {
        var name = staff.FindFirstValue(ClaimTypes.Email) ?? staff.Identity?.Name ?? "unknown";
        return CartActor.Support(staff.FindFirstValue(ClaimTypes.NameIdentifier) ?? name, name);
    }
}
