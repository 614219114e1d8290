using Cart.Domain.Carts;
using Cart.Domain.Inventory;

namespace Cart.Web.Carts;

/// <summary>
/// The stock holds a cart change asks for. Holds follow lines: a line added or changed in this change holds its
/// quantity (within the caps) from now for the hold duration; a line that went, or every line of a cart that closed,
/// gives its hold back. A line that grew must be covered in full (else <c>insufficient_stock</c>) unless the change
/// holds what is free (a merge).
/// </summary>
internal static class HoldPlan
{
    /// <summary>Each line's quantity before the change.</summary>
    public static IReadOnlyDictionary<string, int> QuantitiesOf(ShoppingCart? cart) =>
        cart is null
            ? new Dictionary<string, int>()
            : cart.Lines.ToDictionary(l => l.Sku, l => l.Quantity, StringComparer.Ordinal);

    /// <param name="holder">Whose budget across carts the holds count against (<see cref="HoldLimits.HolderKey"/>).</param>
    public static IEnumerable<HoldRequest> For(ShoppingCart cart, IReadOnlyDictionary<string, int> before,
        HoldLimits limits, bool holdWhatIsFree, DateTimeOffset now, string? holder)
    {
        if (cart.Status != CartStatus.Active)
        {
            foreach (var (sku, quantity) in before)
            {
                yield return new HoldRequest(cart.Id, sku, 0, false, quantity);
            }

            yield break;
        }

        foreach (var (sku, quantity) in before)
        {
            if (cart.FindLine(sku) is null)
            {
                yield return new HoldRequest(cart.Id, sku, 0, false, quantity);
            }
        }

        var changed = cart.Lines.Where(l => l.ChangedInThisChange || !before.ContainsKey(l.Sku)).ToList();
        var heldByOthers = cart.Lines.Except(changed)
            .Where(l => l.HoldExpiresAt > now)
            .Sum(l => l.HeldQuantity ?? 0);
        foreach (var line in changed.OrderBy(l => l.AddedAt).ThenBy(l => l.Sku, StringComparer.Ordinal))
        {
            if (line.HoldReleasedInThisChange)
            {
                yield return new HoldRequest(cart.Id, line.Sku, 0, false, line.Quantity);
                continue;
            }

            var units = limits.UnitsToHold(cart.OwnerKind, line.Quantity, heldByOthers);
            var grew = !before.TryGetValue(line.Sku, out var was) || line.Quantity > was;
            // A line known to be untracked holds nothing, so it uses none of the cart's cap. Only a line this change
            // created has no hold recorded yet; any other without one is untracked (a line moved from a guest cart too).
            var createdNow = !before.ContainsKey(line.Sku) && line.AddedAt == now;
            heldByOthers += line.HeldQuantity is null && !createdNow ? 0 : units;
            yield return new HoldRequest(cart.Id, line.Sku, units, grew && !holdWhatIsFree, line.Quantity, holder);
        }
    }
}
