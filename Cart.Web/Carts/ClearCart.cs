using Cart.Domain.Carts;
using Cart.Domain.Common;

namespace Cart.Web.Carts;

/// <summary>Empties the cart. Clearing an empty cart, or an owner without one, changes nothing.</summary>
internal sealed class ClearCart(CartWriter writer)
{
    public Task<CartDocument> HandleAsync(CartOwner owner, Func<long, bool>? ifMatch,
        CancellationToken cancellationToken) =>
        writer.WriteAsync(owner, ifMatch, new Clear(), cancellationToken);

    private sealed class Clear : ICartEdit
    {
        public ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            change.Cart?.Clear(change.Now);
            return ValueTask.CompletedTask;
        }
    }
}
