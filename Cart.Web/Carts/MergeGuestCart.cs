using System.ComponentModel.DataAnnotations;
using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Carts;

/// <summary>Body of <c>POST /api/v1/cart/merge</c>: the guest token the shopper held before logging in.</summary>
public sealed record MergeCartRequest(
    [property: Required(ErrorMessage = "guestToken is required.")]
    [property: StringLength(4096, MinimumLength = 1, ErrorMessage = "guestToken is 1 to 4096 characters.")]
    string GuestToken);

/// <summary>
/// Merges a guest cart into the signed-in shopper's cart at login (union; higher quantity wins; the guest cart is
/// closed). Merging the same guest cart again finds it closed and changes nothing.
/// </summary>
internal sealed class MergeGuestCart(CartWriter writer, GuestTokenReader guestTokens)
{
    public async Task<CartDocument> HandleAsync(CartOwner shopper, MergeCartRequest request,
        Func<long, bool>? ifMatch, CancellationToken cancellationToken)
    {
        var sessionId = await guestTokens.ReadSessionIdAsync(request.GuestToken)
                        ?? throw new ProblemException(ProblemCodes.InvalidGuestToken,
                            "The guest token is not valid: expired, tampered with, or not a guest token.");

        return await writer.WriteAsync(shopper, ifMatch, new Merge(CartOwner.Guest(sessionId)), cancellationToken);
    }

    private sealed record Merge(CartOwner Guest) : ICartEdit
    {
        public async ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            var guestCart = await change.FindOtherCartAsync(Guest, cancellationToken);
            if (guestCart is null)
            {
                return;
            }

            if (guestCart.Lines.Count == 0 && change.Cart is null)
            {
                // Nothing to move: close the guest cart without opening an empty one for the shopper.
                guestCart.CloseEmptyGuestCart(change.Now);
                return;
            }

            var cart = change.OpenCart();
            change.HoldWhatIsFree = true;
            cart.MergeFrom(guestCart, change.Now);
        }
    }
}
