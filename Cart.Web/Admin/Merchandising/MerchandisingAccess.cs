using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Cart.Web.Admin.Merchandising;

/// <summary>
/// The role check of every merchandising read and change, made by the service itself: a page hidden from a user is
/// not a check, and a service called from anywhere else (a page of another role, an endpoint) must refuse too.
/// </summary>
internal sealed class MerchandisingAccess(IAuthorizationService authorization)
{
    public async Task DemandAsync(ClaimsPrincipal user)
    {
        var result = await authorization.AuthorizeAsync(user, StaffRoles.MerchandisingPolicy);
        if (!result.Succeeded)
        {
            throw new MerchandisingDeniedException();
        }
    }
}

/// <summary>The current user may not see or change merchandising data (holds, products).</summary>
public sealed class MerchandisingDeniedException()
    : UnauthorizedAccessException("Only merchandisers and admins may see or change holds and products.");
