using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;

namespace Cart.Web.Carts;

/// <summary>
/// Body of <c>POST /api/v1/cart/items</c>. Prices never come from the client. Its field rules are checked before the
/// handler runs; the cart checks them again as its own invariants.
/// </summary>
public sealed record AddItemRequest(
    [property: Required(ErrorMessage = Sku.Rule)]
    [property: StringLength(Sku.MaxLength, MinimumLength = 1, ErrorMessage = Sku.Rule)]
    [property: RegularExpression(Sku.Pattern, ErrorMessage = Sku.Rule)]
    string Sku,
    [property: Range(CartLimits.MinQuantity, CartLimits.MaxQuantity, ErrorMessage = CartLimits.QuantityRule)]
    int Quantity,
    [property: Description("A flat object of at most 10 string values, 1 KB of names and values in all.")]
    [property: VariantLimits]
    Dictionary<string, string>? Variant = null);

/// <summary>Adds a product; a line already in the cart grows by the quantity.</summary>
internal sealed class AddItemToCart(CartWriter writer, IProductCatalog catalog)
{
    public async Task<CartDocument> HandleAsync(CartOwner owner, AddItemRequest request, Func<long, bool>? ifMatch,
        CancellationToken cancellationToken)
    {
        var products = await catalog.FindAsync([request.Sku], cancellationToken);
        var product = products.GetValueOrDefault(request.Sku)
                      ?? throw new DomainException(CatalogErrors.UnknownSku(request.Sku));

        return await writer.WriteAsync(owner, ifMatch, new Add(product, request.Quantity, request.Variant),
            cancellationToken);
    }

    private sealed record Add(ProductInfo Product, int Quantity, IReadOnlyDictionary<string, string>? Variant)
        : ICartEdit
    {
        public ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            change.OpenCart().AddItem(Product, Quantity, Variant, change.Now);
            return ValueTask.CompletedTask;
        }
    }
}
