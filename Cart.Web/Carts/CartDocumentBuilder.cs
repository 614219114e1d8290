using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;
using Cart.Web.Platform.Json;

namespace Cart.Web.Carts;

/// <summary>Turns a cart and the catalog's current prices into the cart document.</summary>
internal sealed class CartDocumentBuilder(IProductCatalog catalog, TimeProvider clock)
{
    public async Task<CartDocument> BuildAsync(CartSnapshot cart, CartOwner owner, CancellationToken cancellationToken)
    {
        if (cart.Lines.Count == 0)
        {
            return Empty(cart, owner);
        }

        var products = await catalog.FindAsync(cart.Lines.Select(l => l.Sku).ToList(), cancellationToken);
        // A hold's state is decided now, from its expiry, never taken from a cached document.
        var now = clock.GetUtcNow();
        var items = cart.Lines
            .OrderBy(l => l.AddedAt)
            .ThenBy(l => l.Sku, StringComparer.Ordinal)
            .Select(line => Item(line, products.GetValueOrDefault(line.Sku), now))
            .ToList();
        return new CartDocument(cart.CartId, OwnerOf(owner), cart.Currency, cart.Version, items,
            cart.Lines.Sum(l => l.Quantity), Money.Normalize(cart.Lines.Sum(l => l.UnitPrice * l.Quantity)),
            cart.UpdatedAt);
    }

    private static CartDocument Empty(CartSnapshot cart, CartOwner owner) =>
        new(cart.CartId, OwnerOf(owner), null, cart.Version, [], 0, 0m, cart.UpdatedAt);

    private static CartItemDocument Item(CartLineSnapshot line, ProductInfo? product, DateTimeOffset now)
    {
        // A price in another currency cannot be compared with the snapshot; the catalog never does that, but be safe.
        var current = product is not null ? Money.Normalize(product.Price) : (decimal?)null;
        var unitPrice = Money.Normalize(line.UnitPrice);
        return new CartItemDocument(
            line.Sku,
            product?.Name,
            product?.ImageUrl,
            line.Variant,
            line.Quantity,
            unitPrice,
            current,
            current is not null && current != unitPrice,
            Money.Normalize(line.UnitPrice * line.Quantity),
            HoldDocument.Of(line.HeldQuantity, line.HoldExpiresAt, now),
            line.AddedAt,
            line.UpdatedAt);
    }

    private static CartOwnerDocument OwnerOf(CartOwner owner) =>
        new(owner.Kind == OwnerKind.User ? "user" : "guest", owner.Id);
}
