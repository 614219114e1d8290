using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Checkout;
using Cart.Domain.Common;
using Cart.Domain.Inventory;

namespace Cart.Web.Carts;

/// <summary>
/// Turns the cart into an order, in one transaction on the primary database: prices read from the database itself
/// (a rise since the shopper's price → 409 <c>price_changed</c> listing the lines; a drop is applied), every line's
/// stock sold from its hold or, where the hold lapsed, from free stock (any line short → 409
/// <c>insufficient_stock</c> listing them), the order placed and the cart closed. Nothing changes unless all of it
/// commits; the closed cart cannot check out again, and at most one order exists per cart.
/// </summary>
internal sealed class CheckoutCart(CartWriter writer, IProductCatalog catalog, IStockHolds stock, IOrderBook orders)
{
    public Task<CartWriteResponse<OrderDocument>> HandleAsync(CartOwner owner, Func<long, bool>? ifMatch,
        CancellationToken cancellationToken)
    {
        OrderView? order = null;
        return writer.WriteAsync(owner, ifMatch, change =>
        {
            var cart = change.Cart;
            if (cart is null || cart.Lines.Count == 0)
            {
                throw new DomainException(CartErrors.CartEmpty);
            }

            // Prices and stock are checked inside the change's transaction, after its other statements.
            change.InTransaction(async token => order = await CheckOutAsync(cart, owner, change.Now, token));
            return Task.CompletedTask;
        }, (_, _) =>
        {
            var document = OrderDocument.From(order!);
            return Task.FromResult(new CartWriteResponse<OrderDocument>(StatusCodes.Status201Created, document, null,
                OrderDocument.LocationOf(document.OrderId)));
        }, cancellationToken);
    }

    private async Task<OrderView> CheckOutAsync(ShoppingCart cart, CartOwner owner, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var products = await catalog.FindOnPrimaryAsync(cart.Lines.Select(l => l.Sku).ToList(), cancellationToken);
        var unavailable = cart.Lines.FirstOrDefault(l => products.GetValueOrDefault(l.Sku) is not { Active: true });
        if (unavailable is not null)
        {
            throw new DomainException(CatalogErrors.ProductUnavailable(unavailable.Sku));
        }

        // A product now priced in another currency has no price this cart can pay.
        var repriced = cart.Lines.FirstOrDefault(l => products[l.Sku].Currency != cart.Currency);
        if (repriced is not null)
        {
            throw new DomainException(CartErrors.CurrencyMismatch(repriced.Sku, products[repriced.Sku].Currency,
                cart.Currency!));
        }

        var prices = products.ToDictionary(p => p.Key, p => p.Value.Price, StringComparer.Ordinal);
        var rises = cart.PriceRises(prices);
        if (rises.Count > 0)
        {
            throw new DomainException(CartErrors.PricesRose, new Dictionary<string, object?>
            {
                ["lines"] = rises.Select(l => new { sku = l.Sku, unitPrice = l.UnitPrice, currentUnitPrice = prices[l.Sku] }).ToList(),
            });
        }

        var orderId = NewOrder.NewId(now);
        cart.CheckOut(prices, orderId, now);
        var order = orders.Place(new NewOrder(orderId, cart.Id, owner, cart.Currency!,
            cart.Lines.Select(l => new NewOrderLine(l.Sku, products[l.Sku].Name, l.Quantity, l.UnitPrice)).ToList(),
            now));
        await stock.CommitAsync(cart.Id, cart.Lines.Select(l => new StockLine(l.Sku, l.Quantity)).ToList(), now,
            cancellationToken);
        return order;
    }
}
