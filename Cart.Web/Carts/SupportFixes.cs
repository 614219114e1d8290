using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Domain.Catalog;
using Cart.Domain.Common;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Web.Carts;

/// <summary>
/// Support's fixes on the one write path (<see cref="CartWriter"/>): the owner's lock, If-Match with the version the
/// support user saw, the same aggregate rules and stock holds as the shopper's calls, the timeline (with the support
/// user and the reason), and the committed cart put into the cache, so the shopper's next read on any instance
/// shows the fix.
/// </summary>
internal sealed class SupportFixes(CartDbContext db, CartWriter writer, IProductCatalog catalog, ICartLookup lookup)
    : ICartSupportFixes
{
    public async Task<long> ApplyAsync(SupportFix fix, CancellationToken cancellationToken)
    {
        if (fix.Staff.Kind != ActorKind.Support)
        {
            throw new ArgumentException("A support fix is made by a support user.", nameof(fix));
        }

        // The one check of the reason, whoever asks for the fix.
        if (SupportReasons.Problem(fix.Reason) is { } problem)
        {
            throw new DomainException(new DomainError(ErrorCodes.ValidationFailed, problem, SupportReasons.Field));
        }

        var owner = await db.Carts().AsNoTracking().Where(c => c.Id == fix.CartId)
            .Select(c => new { c.OwnerKind, c.OwnerId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(CartErrors.NotActive);
        (ProductInfo, int, RemovedLinePrice)? restore =
            fix.Action == SupportAction.UndoRemoval ? await RemovalAsync(fix, cancellationToken) : null;

        var document = await writer.WriteAsync(new CartOwner(owner.OwnerKind, owner.OwnerId),
            version => version == fix.ExpectedVersion, new Fix(fix, restore, catalog), cancellationToken);
        return document.Version;
    }

    /// <summary>The fix, made as the support user with the reason on every timeline entry of the change.</summary>
    private sealed record Fix(SupportFix Request, (ProductInfo, int, RemovedLinePrice)? Restore,
        IProductCatalog Catalog) : ICartEdit
    {
        public async ValueTask ApplyAsync(CartChange change, CancellationToken cancellationToken)
        {
            // The owner's active cart must still be this one: a closed cart (checked out, merged) never changes.
            var cart = change.Cart is { } active && active.Id == Request.CartId
                ? active
                : throw new DomainException(CartErrors.NotActive);
            change.Actor = Request.Staff;
            change.Reason = Request.Reason.Trim();
            await ChangeAsync(cart, Request, Restore, Catalog, change.Now, cancellationToken);
        }
    }

    private static async Task ChangeAsync(ShoppingCart cart, SupportFix fix,
        (ProductInfo, int, RemovedLinePrice)? restore, IProductCatalog catalog, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        switch (fix.Action)
        {
            case SupportAction.SetQuantity:
                cart.SetQuantity(Sku(fix), fix.Quantity ?? 0, now);
                break;
            case SupportAction.RemoveLine:
                cart.RemoveItem(Sku(fix), now);
                break;
            case SupportAction.ClearCart:
                cart.Clear(now);
                break;
            case SupportAction.RepriceLines:
                IReadOnlyCollection<string>? skus = fix.Sku is null ? null : [fix.Sku];
                var products = await catalog.FindAsync(skus ?? cart.Lines.Select(l => l.Sku).ToList(), cancellationToken);
                cart.AcceptPrices(skus, products, now);
                break;
            case SupportAction.ReleaseHold:
                cart.ReleaseHold(Sku(fix), now);
                break;
            case SupportAction.ExtendHold:
                cart.RenewHold(Sku(fix), now);
                break;
            case SupportAction.UndoRemoval:
                var (product, quantity, price) = restore!.Value;
                cart.RestoreLine(product, quantity, price, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fix), fix.Action, "Not a support fix.");
        }
    }

    /// <summary>The line a removal took out, as it was, and its product as the catalog has it now.</summary>
    private async Task<(ProductInfo, int, RemovedLinePrice)> RemovalAsync(SupportFix fix,
        CancellationToken cancellationToken)
    {
        var removal = fix.RemovalEventId is { } id ? await lookup.FindRemovalAsync(fix.CartId, id, cancellationToken) : null;
        if (removal is not { Sku: { } sku, Quantity: { } quantity })
        {
            throw new DomainException(new DomainError(ErrorCodes.ValidationFailed, "No such removal in this cart's timeline."));
        }

        var price = RemovedLinePrice.Parse(removal.Detail) ?? throw new DomainException(new DomainError(
            ErrorCodes.ValidationFailed, "This removal was recorded before removals kept the line's price; add the item again instead."));
        var products = await catalog.FindAsync([sku], cancellationToken);
        var product = products.GetValueOrDefault(sku)
            ?? throw new DomainException(Cart.Domain.Catalog.CatalogErrors.ProductUnavailable(sku));
        return (product, quantity, price);
    }

    private static string Sku(SupportFix fix) =>
        fix.Sku ?? throw new ArgumentException("This fix names a line.", nameof(fix));
}
