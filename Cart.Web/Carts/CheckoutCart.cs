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
        CancellationToken cancellationToken) =>
        writer.WriteAsync(owner, ifMatch, new Checkout(owner, catalog, stock, orders), cancellationToken);

    /// <summary>
    /// One checkout, as the writer runs it: <see cref="ApplyAsync"/> refuses an empty cart; in the transaction, after
    /// the holds, <see cref="RunInTransactionAsync"/> checks products, currency and prices against the database, closes
    /// the cart, places the order and sells the stock; <see cref="RespondAsync"/> answers with that order (201).
    /// </summary>
    private sealed class Checkout(CartOwner owner, IProductCatalog catalog, IStockHolds stock, IOrderBook orders)
        : ICartOperation<OrderDocument>
    {
        private OrderView? _placed;

        public ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            _placed = null; // a new attempt, on fresh state
            return change.Cart is null || change.Cart.Lines.Count == 0
                ? throw new DomainException(CartErrors.CartEmpty)
                : ValueTask.CompletedTask;
        }

        public async Task RunInTransactionAsync(CartChange change, CancellationToken cancellationToken) =>
            _placed = await CheckOutAsync(change.Cart ?? throw new DomainException(CartErrors.CartEmpty), owner,
                change.Now, cancellationToken);

        public Task<CartWriteResponse<OrderDocument>> RespondAsync(CartChange change,
            CancellationToken cancellationToken)
        {
            var order = _placed ?? throw new InvalidOperationException("The order is placed before the answer.");
            var document = OrderDocument.From(order);
            return Task.FromResult(new CartWriteResponse<OrderDocument>(StatusCodes.Status201Created, document, null,
                OrderDocument.LocationOf(document.OrderId)));
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
}
