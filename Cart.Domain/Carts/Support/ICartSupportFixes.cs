namespace Cart.Domain.Carts.Support;

/// <summary>The fixes support makes to a customer's cart from the admin console.</summary>
public enum SupportAction
{
    SetQuantity,
    RemoveLine,
    ClearCart,
    RepriceLines,
    ReleaseHold,
    ExtendHold,
    UndoRemoval,
}

/// <summary>
/// One fix: which cart, at the version the support user saw (a stale one is refused), who and why, and what.
/// <paramref name="Sku"/>: the line (for <see cref="SupportAction.RepriceLines"/>, null re-prices every line);
/// <paramref name="RemovalEventId"/>: the timeline entry of the removal to undo.
/// </summary>
public sealed record SupportFix(string CartId, long ExpectedVersion, CartActor Staff, string Reason,
    SupportAction Action, string? Sku = null, int? Quantity = null, long? RemovalEventId = null);

/// <summary>
/// The Carts module's support fixes, made on its one write path with the shopper's rules (stock, limits, If-Match).
/// A rule broken, or a version that moved, throws a <see cref="Common.DomainException"/> and nothing changes.
/// </summary>
public interface ICartSupportFixes
{
    /// <summary>Makes the fix; returns the cart's version after it.</summary>
    Task<long> ApplyAsync(SupportFix fix, CancellationToken cancellationToken);
}
