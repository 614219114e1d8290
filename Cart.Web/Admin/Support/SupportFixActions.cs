using System.Security.Claims;
using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Admin.Support;

/// <summary>
/// A support fix to a customer's cart, at the version the support user saw, with the reason kept in the cart's
/// timeline. <see cref="Action"/> goes as it is to the Carts module's fix use case (<see cref="ICartSupportFixes"/>),
/// which checks the reason (<see cref="SupportReasons"/>) and the cart's rules.
/// <see cref="Sku"/>: the line (for <see cref="SupportAction.RepriceLines"/>, null re-prices every line);
/// <see cref="RemovalEventId"/>: the timeline entry of the removal to undo.
/// </summary>
[ConsolePolicy(StaffRoles.SupportPolicy)]
public sealed record FixCart(string CartId, long ExpectedVersion, string Reason, SupportAction Action,
    string? Sku = null, int? Quantity = null, long? RemovalEventId = null) : IConsoleAction<long>, IConsoleChange
{
    public string Target => CartId;

    public Task<ConsoleResult<long>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        CartFix.ApplyAsync(call, new SupportFix(CartId, ExpectedVersion, CartFix.ActorOf(call.Session), Reason,
            Action, Sku, Quantity, RemovalEventId), cancellationToken);
}

/// <summary>
/// Gives the held units of the cart's line for <see cref="Sku"/> back; the line stays. Merchandisers may do this one
/// too (from the holds of a SKU): stock tied up is theirs to free.
/// </summary>
[ConsolePolicy(StaffRoles.SupportPolicy, StaffRoles.MerchandisingPolicy)]
public sealed record ReleaseCartHold(string CartId, string Sku, long ExpectedVersion, string Reason)
    : IConsoleAction<long>, IConsoleChange
{
    public string Target => $"{CartId} {Sku}";

    public Task<ConsoleResult<long>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        CartFix.ApplyAsync(call, new SupportFix(CartId, ExpectedVersion, CartFix.ActorOf(call.Session), Reason,
            SupportAction.ReleaseHold, Sku), cancellationToken);
}

/// <summary>Makes a fix through the Carts module and says what came of it; the value is the cart's new version.</summary>
internal static class CartFix
{
    public static async Task<ConsoleResult<long>> ApplyAsync(ConsoleCall call, SupportFix fix,
        CancellationToken cancellationToken)
    {
        try
        {
            return ConsoleResult<long>.Done(
                await call.Get<ICartSupportFixes>().ApplyAsync(fix, cancellationToken), "Saved.");
        }
        catch (DomainException e) when (e.Error.Code == ErrorCodes.VersionMismatch)
        {
            return ConsoleResult<long>.Conflict(
                "The cart changed since you opened it (the shopper or someone else changed it). Nothing was changed: " +
                "the cart below is the current one; check it and try again if the fix is still needed.");
        }
        catch (DomainException e)
        {
            return ConsoleResult<long>.Invalid(e.Message, e.Error.Field);
        }
        catch (Exception e) when (e is RetryLaterException or CommitOutcomeUnknownException)
        {
            return ConsoleResult<long>.Unavailable("The cart is busy; reload it and try again.");
        }
    }

    /// <summary>The staff member as the timeline keeps them: their account id, and their email as it is now.</summary>
    public static CartActor ActorOf(ClaimsPrincipal staff)
    {
        var name = staff.FindFirstValue(ClaimTypes.Email) ?? staff.Identity?.Name ?? "unknown";
        return CartActor.Support(staff.FindFirstValue(ClaimTypes.NameIdentifier) ?? name, name);
    }
}
