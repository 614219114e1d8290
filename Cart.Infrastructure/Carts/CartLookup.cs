using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Domain.Catalog;
using Cart.Domain.Checkout;
using Cart.Domain.Common;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Checkout;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Carts;

/// <summary>
/// Support's reads of carts. A look-up first resolves its key to owners (each by a key or an index: the cart's id,
/// the order's id through the Checkout module, an email through the Reminders module's <c>ix_shopper_emails_email</c>),
/// then pages those owners' carts on <c>ix_carts_owner_id</c>; an owner has few carts, so ordering them costs nothing.
/// </summary>
internal sealed class CartLookup(CartDbContext db, IOrderBook orders, IShopperEmails emails, IProductCatalog catalog)
    : ICartLookup
{
    /// <summary>The most shoppers one email look-up names (an address is normally one shopper's).</summary>
    private const int MaxOwnersPerEmail = 100;

    public async Task<ResultPage<CartSummary>> FindAsync(CartLookupKey key, string value, int skip, int take,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var owners = await OwnersAsync(key, value.Trim(), cancellationToken);
        if (owners.Count == 0)
        {
            return new ResultPage<CartSummary>([], 0);
        }

        // Every owner of one look-up is of one kind (a key names one owner, an email names shoppers).
        var kind = owners[0].Kind;
        var ids = owners.Select(o => o.Id).Distinct().ToList();
        var carts = db.Carts().AsNoTracking().Where(c => c.OwnerKind == kind && ids.Contains(c.OwnerId));
        var total = await carts.CountAsync(cancellationToken);
        var page = await carts.Include(c => c.Lines)
            .OrderByDescending(c => c.LastActiveAt).ThenBy(c => c.Id)
            .Skip(skip).Take(take)
            .ToListAsync(cancellationToken);
        // Totals in memory: SQLite cannot sum decimals, and a page is at most 100 carts of at most 100 lines.
        var items = page.ConvertAll(c => new CartSummary(c.Id, c.Owner, c.Status, c.Lines.Count, c.TotalItems,
            c.Currency, c.Subtotal, c.LastActiveAt, c.Version));
        return new ResultPage<CartSummary>(items, total);
    }

    public async Task<SupportCart?> GetAsync(string cartId, CancellationToken cancellationToken)
    {
        var cart = await db.Carts().AsNoTracking().Include(c => c.Lines)
            .SingleOrDefaultAsync(c => c.Id == cartId, cancellationToken);
        if (cart is null)
        {
            return null;
        }

        var email = cart.OwnerKind == OwnerKind.User ? await emails.EmailOfAsync(cart.OwnerId, cancellationToken) : null;
        var products = cart.Lines.Count == 0
            ? new Dictionary<string, ProductInfo>()
            : await catalog.FindAsync(cart.Lines.Select(l => l.Sku).ToList(), cancellationToken);
        var lines = cart.Lines.OrderBy(l => l.AddedAt).Select(l =>
        {
            var product = products.GetValueOrDefault(l.Sku);
            return new SupportCartLine(l.Sku, product?.Name, l.Quantity, l.UnitPrice, product?.Price, l.LineTotal,
                l.HeldQuantity, l.HoldExpiresAt, l.AddedAt);
        }).ToList();
        return new SupportCart(cart.Id, cart.Owner, email, cart.Status, cart.Currency, cart.Subtotal, cart.TotalItems,
            cart.Version, cart.LastActiveAt, lines);
    }

    public async Task<ResultPage<TimelineEntry>> TimelineAsync(string cartId, int skip, int take,
        CancellationToken cancellationToken)
    {
        var events = db.CartEvents().AsNoTracking().Where(e => e.CartId == cartId);
        var total = await events.CountAsync(cancellationToken);
        var page = await Entries(events.OrderByDescending(e => e.Id).Skip(skip).Take(take))
            .ToListAsync(cancellationToken);
        return new ResultPage<TimelineEntry>(page, total);
    }

    public Task<TimelineEntry?> FindRemovalAsync(string cartId, long eventId, CancellationToken cancellationToken) =>
        Entries(db.CartEvents().AsNoTracking()
                .Where(e => e.Id == eventId && e.CartId == cartId && e.Type == CartActivityTypes.ItemRemoved))
            .SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<TimelineEntry> Entries(IQueryable<CartEvent> events) =>
        events.Select(e => new TimelineEntry(e.Id, e.Type, e.Sku, e.Quantity, e.Detail, e.ActorKind, e.ActorId,
            e.ActorName, e.At, e.Reason));

    private async Task<List<CartOwner>> OwnersAsync(CartLookupKey key, string value, CancellationToken cancellationToken)
    {
        switch (key)
        {
            case CartLookupKey.UserId:
                return [new CartOwner(OwnerKind.User, value)];
            case CartLookupKey.GuestSessionId:
                return [new CartOwner(OwnerKind.Guest, value)];
            case CartLookupKey.Email:
                var users = await emails.UsersWithAsync(value, MaxOwnersPerEmail, cancellationToken);
                return users.Select(u => new CartOwner(OwnerKind.User, u)).ToList();
            case CartLookupKey.CartId:
                var cartOwner = await db.Carts().AsNoTracking().Where(c => c.Id == value)
                    .Select(c => new { c.OwnerKind, c.OwnerId }).SingleOrDefaultAsync(cancellationToken);
                return cartOwner is null ? [] : [new CartOwner(cartOwner.OwnerKind, cartOwner.OwnerId)];
            case CartLookupKey.OrderId:
                return await orders.OwnerOfAsync(value, cancellationToken) is { } orderOwner ? [orderOwner] : [];
            default:
                throw new ArgumentOutOfRangeException(nameof(key), key, "Not a look-up key.");
        }
    }
}
