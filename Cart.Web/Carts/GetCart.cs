using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Carts;

namespace Cart.Web.Carts;

/// <summary>Reads the caller's cart; an owner with no cart yet gets an empty cart (never 404).</summary>
internal sealed class GetCart(
    CartQueries carts,
    CartCache cache,
    CartDocumentBuilder documents,
    CartReadActivity activity,
    TimeProvider clock)
{
    /// <summary>
    /// The cart, or only its version when <paramref name="clientHas"/> says the client already holds it and the
    /// document cannot have changed since: a hold that has lapsed reads <c>expired</c> now, while a copy the client
    /// took at the same version may still say <c>held</c>, so such a cart is always sent in full.
    /// </summary>
    public async Task<(long Version, CartDocument? Document)> HandleAsync(CartOwner owner, Func<long, bool> clientHas,
        CancellationToken cancellationToken)
    {
        var cart = await cache.GetAsync(owner, async ct =>
        {
            var current = await carts.FindCurrentAsync(owner, tracking: false, ct);
            return CartSnapshot.Of(current.Active, current.Version);
        }, cancellationToken);
        // A read is activity (the cleanup keeps carts their owner still opens); written down off the read path.
        activity.Saw(owner, cart, clock.GetUtcNow());
        if (clientHas(cart.Version) && !HasLapsedHold(cart))
        {
            return (cart.Version, null);
        }

        return (cart.Version, await documents.BuildAsync(cart, owner, cancellationToken));
    }

    private bool HasLapsedHold(CartSnapshot cart)
    {
        var now = clock.GetUtcNow();
        return cart.Lines.Any(l => l.HoldExpiresAt <= now);
    }
}
