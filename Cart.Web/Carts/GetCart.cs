using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Carts;

namespace Cart.Web.Carts;

/// <summary>Reads the caller's cart; an owner with no cart yet gets an empty cart (never 404).</summary>
internal sealed partial class GetCart(
    CartQueries carts,
    CartCache cache,
    CartDocumentBuilder documents,
    CartActivityRecorder activity,
    TimeProvider clock,
    ILogger<GetCart> logger)
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
        cart = await RecordReadAsync(owner, cart, cancellationToken);
        if (clientHas(cart.Version) && !HasLapsedHold(cart))
        {
            return (cart.Version, null);
        }

        return (cart.Version, await documents.BuildAsync(cart, owner, cancellationToken));
    }

    /// <summary>
    /// A read is activity (the cleanup keeps carts their owner still opens): recorded when the copy's recorded activity
    /// is a day old, from the database or the cache alike, then the copy goes back into the cache with the new time,
    /// so the following reads, on any instance, do not write. Best effort: a read never fails for it.
    /// </summary>
    private async Task<CartSnapshot> RecordReadAsync(CartOwner owner, CartSnapshot cart,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cart.CartId is null || !CartActivityRules.ReadIsWorthRecording(cart.LastActiveAt, now))
        {
            return cart;
        }

        try
        {
            await activity.RecordReadAsync(cart.CartId, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotRecorded(logger, e);
            return cart;
        }

        var seen = cart with { LastActiveAt = now };
        await cache.PutAsync(owner, seen);
        return seen;
    }

    [LoggerMessage(LogLevel.Warning, "Could not record a read of a cart as activity; the next read tries again")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);

    private bool HasLapsedHold(CartSnapshot cart)
    {
        var now = clock.GetUtcNow();
        return cart.Lines.Any(l => l.HoldExpiresAt <= now);
    }
}
