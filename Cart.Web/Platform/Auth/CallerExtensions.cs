using System.Security.Claims;
using Cart.Domain.Common;

namespace Cart.Web.Platform.Auth;

internal static class CallerExtensions
{
    /// <summary>The owner of the caller's cart, from the validated token alone.</summary>
    public static CartOwner GetCartOwner(this ClaimsPrincipal user)
    {
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated)
                       ?? throw new InvalidOperationException("The caller is not authenticated.");
        var subject = identity.FindFirst(CartSchemes.SubjectClaim)?.Value
                      ?? throw new InvalidOperationException("The token has no subject.");
        return identity.AuthenticationType == CartSchemes.GuestIdentity
            ? CartOwner.Guest(subject)
            : CartOwner.User(subject);
    }
}
