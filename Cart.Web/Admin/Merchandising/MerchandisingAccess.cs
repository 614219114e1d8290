using System.Security.Claims;

namespace Cart.Web.Admin.Merchandising;

/// <summary>
/// The check of every merchandising read and change, made by the service itself: a page hidden from a user is not a
/// check, and a service called from anywhere else (a page of another role, an endpoint, a tab left open after the
/// staff member was disabled or lost the role) must refuse too. <see cref="StaffStanding"/> decides.
/// </summary>
internal sealed class MerchandisingAccess(StaffStanding standing)
{
    public async Task DemandAsync(ClaimsPrincipal user)
    {
        if (await standing.AccountMeetingAnyAsync(user, StaffRoles.MerchandisingPolicy) is null)
        {
            throw new MerchandisingDeniedException();
        }
    }
}

/// <summary>The current user may not see or change merchandising data (holds, products).</summary>
public sealed class MerchandisingDeniedException()
    : UnauthorizedAccessException("Only merchandisers and admins may see or change holds and products. If your " +
                                  "account was changed, sign in again.");
