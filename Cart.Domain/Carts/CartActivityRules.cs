namespace Cart.Domain.Carts;

/// <summary>
/// What counts as a shopper being active on a cart, for the cleanup of inactive carts. Every change counts at once
/// (<see cref="ShoppingCart.LastActiveAt"/> moves with it). A read counts too — a shopper who opens their cart every
/// day without changing it is active — but it is written down only when the recorded activity is at least
/// <see cref="ReadRecordedEvery"/> old, so the hot read path writes at most once a day per cart, not once per read.
/// Hence the rule: a cart is deleted once neither changed for the whole window nor read during its last
/// <c>window − ReadRecordedEvery</c>; a cart read now is kept at least that long, one changed now the whole window.
/// </summary>
public static class CartActivityRules
{
    public static readonly TimeSpan ReadRecordedEvery = TimeSpan.FromDays(1);

    /// <summary>Whether a read at <paramref name="now"/> must be recorded, given the cart's recorded activity.</summary>
    public static bool ReadIsWorthRecording(DateTimeOffset? lastActiveAt, DateTimeOffset now) =>
        lastActiveAt is null || now - lastActiveAt.Value >= ReadRecordedEvery;
}
