using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;
using Cart.Web.Platform.Http;

namespace Cart.Web.Carts;

/// <summary>Body of <c>POST /api/v1/cart/prices/accept</c>: the lines whose prices the shopper accepts.</summary>
public sealed record AcceptPricesRequest(
    [property: Description("The SKUs of the lines whose current price to accept, each the SKU of a line in the " +
                           "cart (repeats are fine); leave it out, or null, for every line. An empty list is refused.")]
    [property: MinLength(1, ErrorMessage = AcceptPricesRequest.SkusCount)]
    [property: MaxLength(CartLimits.MaxLines, ErrorMessage = AcceptPricesRequest.SkusCount)]
    [property: ItemsMatch(Sku.Pattern, MinLength = 1, MaxLength = Sku.MaxLength, ErrorMessage = Sku.Rule)]
    IReadOnlyList<string>? Skus = null)
{
    internal const string SkusCount = "'skus' names 1 to 100 SKUs; leave it out to accept the price of every line.";
}

/// <summary>
/// Accepts the catalog's current prices for some lines, or all: each takes the price a cart read shows as its
/// <c>currentUnitPrice</c> (the same cached catalog), so the shopper accepts the price they saw.
/// </summary>
internal sealed class AcceptCartPrices(CartWriter writer, IProductCatalog catalog)
{
    public Task<CartDocument> HandleAsync(CartOwner owner, AcceptPricesRequest request, Func<long, bool>? ifMatch,
        CancellationToken cancellationToken)
    {
        return writer.WriteAsync(owner, ifMatch, new Accept(request.Skus, catalog), cancellationToken);
    }

    /// <param name="Skus">The lines whose prices the shopper accepts; null: every line.</param>
    private sealed record Accept(IReadOnlyList<string>? Skus, IProductCatalog Catalog) : ICartEdit
    {
        public async ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            if (change.Cart is not { } cart)
            {
                if (Skus is { Count: > 0 })
                {
                    throw new DomainException(CartErrors.LineNotFound(Skus[0]));
                }

                return;
            }

            var accepted = cart.Lines.Select(l => l.Sku)
                .Where(sku => Skus is null || Skus.Contains(sku, StringComparer.Ordinal))
                .ToList();
            var products = await Catalog.FindAsync(accepted, cancellationToken);
            cart.AcceptPrices(Skus, products, change.Now);
        }
    }
}
