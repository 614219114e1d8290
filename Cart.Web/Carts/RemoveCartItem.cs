using Cart.Domain.Carts;
using Cart.Domain.Common;

namespace Cart.Web.Carts;

/// <summary>Removes a line from the cart.</summary>
internal sealed class RemoveCartItem(CartWriter writer)
{
    public Task<CartDocument> HandleAsync(CartOwner owner, string sku, Func<long, bool>? ifMatch,
        CancellationToken cancellationToken)
    {
        return writer.WriteAsync(owner, ifMatch, change =>
        {
            var cart = change.Cart ?? throw new DomainException(CartErrors.LineNotFound(sku));
            cart.RemoveItem(sku, change.Now);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
