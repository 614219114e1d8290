using System.ComponentModel.DataAnnotations;
using Cart.Domain.Carts;
using Cart.Domain.Common;

namespace Cart.Web.Carts;

/// <summary>Body of <c>PUT /api/v1/cart/items/{sku}</c>.</summary>
public sealed record UpdateItemRequest(
    [property: Range(CartLimits.MinQuantity, CartLimits.MaxQuantity, ErrorMessage = CartLimits.QuantityRule)]
    int Quantity);

/// <summary>Sets the quantity of a line already in the cart.</summary>
internal sealed class UpdateCartItem(CartWriter writer)
{
    public Task<CartDocument> HandleAsync(CartOwner owner, string sku, UpdateItemRequest request,
        Func<long, bool>? ifMatch, CancellationToken cancellationToken)
    {
        return writer.WriteAsync(owner, ifMatch, new SetQuantity(sku, request.Quantity), cancellationToken);
    }

    private sealed record SetQuantity(string Sku, int Quantity) : ICartEdit
    {
        public ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            var cart = change.Cart ?? throw new DomainException(CartErrors.LineNotFound(Sku));
            cart.SetQuantity(Sku, Quantity, change.Now);
            return ValueTask.CompletedTask;
        }
    }
}
