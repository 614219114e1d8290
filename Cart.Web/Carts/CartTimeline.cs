using Cart.Domain.Carts;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;

namespace Cart.Web.Carts;

/// <summary>
/// Appends what a change did to the timeline of each cart it touched (cart_events), in the change's transaction: the
/// aggregate's own record of its changes, then the holds the change set.
/// </summary>
internal static class CartTimeline
{
    public static void Append(CartDbContext db, CartChange work, IReadOnlyList<HoldResult> holds)
    {
        foreach (var (owner, cart) in work.Touched())
        {
            foreach (var activity in cart.Activity)
            {
                db.CartEvents().Add(new CartEvent(cart.Id, owner, activity, work.Actor, work.Now, work.Reason));
            }

            if (cart.Status == CartStatus.CheckedOut)
            {
                // The holds were sold: each tracked line's hold turned into its quantity sold.
                foreach (var line in cart.Lines.Where(l => l.HeldQuantity is not null))
                {
                    var committed = new CartActivity(CartActivityTypes.HoldCommitted, line.Sku, line.Quantity);
                    db.CartEvents().Add(new CartEvent(cart.Id, owner, committed, work.Actor, work.Now, work.Reason));
                }
            }

            foreach (var hold in holds.Where(h => h.CartId == cart.Id))
            {
                if (HoldActivity(hold) is { } activity)
                {
                    db.CartEvents().Add(new CartEvent(cart.Id, owner, activity, work.Actor, work.Now, work.Reason));
                }
            }
        }
    }

    private static CartActivity? HoldActivity(HoldResult hold) => hold switch
    {
        { Quantity: null } => null,
        { Quantity: > 0 } => new CartActivity(CartActivityTypes.HoldPlaced, hold.Sku, hold.Quantity,
            hold.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        { ExpiresAt: not null } => new CartActivity(CartActivityTypes.HoldReleased, hold.Sku, 0),
        _ => null,
    };
}
