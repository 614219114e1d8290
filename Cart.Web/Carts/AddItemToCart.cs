using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;
using Cart.Web.Platform.Http;

namespace Cart.Web.Carts;

/// <summary>Body of <c>POST /api/v1/cart/items</c>. Prices never come from the client.</summary>
public sealed record AddItemRequest(
    [property: Required]
    [property: StringLength(Sku.MaxLength, MinimumLength = 1)]
    [property: RegularExpression(Sku.Pattern)]
    string Sku,
    [property: Range(CartLimits.MinQuantity, CartLimits.MaxQuantity)]
    int Quantity,
    [property: Description("A flat object of at most 10 string values, 1 KB of names and values in all.")]
    [property: MaxLength(CartLimits.MaxVariantEntries)]
    Dictionary<string, string>? Variant = null);

/// <summary>Adds a product; a line already in the cart grows by the quantity.</summary>
internal sealed class AddItemToCart(CartWriter writer, IProductCatalog catalog)
{
    public async Task<CartDocument> HandleAsync(CartOwner owner, AddItemRequest request, Func<long, bool>? ifMatch,
        CancellationToken cancellationToken)
    {
        RequestValidation.Validate(request, ("variant", CartLimits.VariantProblem(request.Variant)));
        var products = await catalog.FindAsync([request.Sku], cancellationToken);
        var product = products.GetValueOrDefault(request.Sku)
                      ?? throw new DomainException(CatalogErrors.UnknownSku(request.Sku));

        return await writer.WriteAsync(owner, ifMatch, async change =>
        {
            var cart = change.OpenCart();
            cart.AddItem(product, request.Quantity, request.Variant, change.Now);
        }, cancellationToken);
    }
}
