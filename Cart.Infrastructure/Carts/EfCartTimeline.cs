using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;

namespace Cart.Infrastructure.Carts;

/// <summary>Adds the entry to the unit of work; the caller's SaveChanges writes it with the caller's change.</summary>
internal sealed class EfCartTimeline(CartDbContext db) : ICartTimeline
{
    public void Record(string cartId, CartOwner? owner, CartActivity activity, CartActor actor, DateTimeOffset at) =>
        db.CartEvents().Add(new CartEvent(cartId, owner, activity, actor, at));
}
