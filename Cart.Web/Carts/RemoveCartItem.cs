using Cart.Domain.Carts;
using Cart.Domain.Common;

namespace Cart.Web.Carts;

/// <summary>Removes a line from the cart.</summary>
internal sealed class RemoveCartItem(CartWriter writer)
{
    public Task<CartDocument> HandleAsync(CartOwner owner, string sku, Func<long, bool>? ifMatch,
        CancellationToken cancellationToken)
    {
        return writer.WriteAsync(owner, ifMatch, new Remove(sku), cancellationToken);
    }

    private sealed record Remove(string Sku) : ICartEdit
    {
        public ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            var cart = change.Cart ?? throw new DomainException(CartErrors.LineNotFound(Sku));
            cart.RemoveItem(Sku, change.Now);
            return ValueTask.CompletedTask;
        }
    }
}
