using Cart.Domain.Common;

namespace Cart.Domain.Inventory;

/// <summary>
/// How long a hold lasts and how many units one line and one cart may hold (guests less than signed-in shoppers), so
/// a bot filling carts cannot tie up a product's stock. Quantity above a cap stays in the cart, unheld.
/// </summary>
public sealed record HoldLimits(
    TimeSpan Duration,
    int UserUnitsPerLine,
    int UserUnitsPerCart,
    int GuestUnitsPerLine,
    int GuestUnitsPerCart)
{
    /// <summary>The units a line of <paramref name="quantity"/> holds when the rest of its cart holds <paramref name="heldByOtherLines"/>.</summary>
    public int UnitsToHold(OwnerKind owner, int quantity, int heldByOtherLines)
    {
        var (perLine, perCart) = owner == OwnerKind.User
            ? (UserUnitsPerLine, UserUnitsPerCart)
            : (GuestUnitsPerLine, GuestUnitsPerCart);
        return Math.Max(0, Math.Min(Math.Min(quantity, perLine), perCart - heldByOtherLines));
    }
}
