using Cart.Domain.Common;

namespace Cart.Domain.Inventory;

/// <summary>
/// How long a hold lasts and how many units one line and one cart may hold (guests less than signed-in shoppers), so
/// a bot filling carts cannot tie up a product's stock. Quantity above a cap stays in the cart, unheld.
/// </summary>
/// <param name="UserUnitsPerSku">What one signed-in shopper's holds of one SKU add up to at most, over all their carts.</param>
/// <param name="GuestUnitsPerSkuPerAddress">What the holds of one SKU by guests from one client address add up to at
/// most, over all their sessions' carts: a bot can start a new guest session whenever it likes.</param>
/// <param name="MaxLifetime">How long a hold's run lasts at most, however often its line changes; a run that ended
/// starts afresh only after a pause of one <paramref name="Duration"/>.</param>
public sealed record HoldLimits(
    TimeSpan Duration,
    int UserUnitsPerLine,
    int UserUnitsPerCart,
    int GuestUnitsPerLine,
    int GuestUnitsPerCart,
    int UserUnitsPerSku,
    int GuestUnitsPerSkuPerAddress,
    TimeSpan MaxLifetime)
{
    /// <summary>The longest key <see cref="HolderKey"/> makes: a shopper's id is at most 128 characters.</summary>
    public const int HolderKeyMaxLength = 140;

    /// <summary>The units a line of <paramref name="quantity"/> holds when the rest of its cart holds <paramref name="heldByOtherLines"/>.</summary>
    public int UnitsToHold(OwnerKind owner, int quantity, int heldByOtherLines)
    {
        var (perLine, perCart) = owner == OwnerKind.User
            ? (UserUnitsPerLine, UserUnitsPerCart)
            : (GuestUnitsPerLine, GuestUnitsPerCart);
        return Math.Max(0, Math.Min(Math.Min(quantity, perLine), perCart - heldByOtherLines));
    }

    /// <summary>The units one holder may hold of one SKU over all its carts (<see cref="HolderKey"/> says whose).</summary>
    public int UnitsPerSkuFor(string holder) =>
        holder.StartsWith(UserHolderPrefix, StringComparison.Ordinal) ? UserUnitsPerSku : GuestUnitsPerSkuPerAddress;

    /// <summary>
    /// Whose budget a hold counts against: a signed-in shopper by id (one shopper, many carts over time), a guest by
    /// client address (one address, as many sessions as it starts); null when the address is not known (a change
    /// made by support for a guest: the hold keeps the holder it had).
    /// </summary>
    public static string? HolderKey(CartOwner owner, string? clientAddress) =>
        owner.Kind == OwnerKind.User ? UserHolderPrefix + owner.Id
        : clientAddress is null ? null
        : AddressHolderPrefix + clientAddress;

    private const string UserHolderPrefix = "user:";
    private const string AddressHolderPrefix = "address:";
}
