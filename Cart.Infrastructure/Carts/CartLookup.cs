using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Domain.Common;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Checkout;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Carts;

/// <summary>
/// Support's reads of carts. A look-up first resolves its key to owners (each by a key or an index: the cart's id,
/// the order's id, <c>ix_shopper_emails_email</c>), then pages those owners' carts on <c>ix_carts_owner_id</c>; an
/// owner has few carts, so ordering them costs nothing.
/// </summary>
internal sealed class CartLookup(CartDbContext db) : ICartLookup
{
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

    public async Task<CartForSupport?> GetAsync(string cartId, CancellationToken cancellationToken)
    {
        var cart = await db.Carts().AsNoTracking().Include(c => c.Lines)
            .SingleOrDefaultAsync(c => c.Id == cartId, cancellationToken);
        if (cart is null)
        {
            return null;
        }

        var email = cart.OwnerKind != OwnerKind.User
            ? null
            : await db.Set<ShopperEmail>().AsNoTracking()
                .Where(e => e.UserId == cart.OwnerId)
                .Select(e => e.Email)
                .SingleOrDefaultAsync(cancellationToken);
        return new CartForSupport(cart, email);
    }

    public async Task<ResultPage<CartEvent>> TimelineAsync(string cartId, int skip, int take,
        CancellationToken cancellationToken)
    {
        var events = db.CartEvents().AsNoTracking().Where(e => e.CartId == cartId);
        var total = await events.CountAsync(cancellationToken);
        var page = await events.OrderByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new ResultPage<CartEvent>(page, total);
    }

    public Task<CartEvent?> FindRemovalAsync(string cartId, long eventId, CancellationToken cancellationToken) =>
        db.CartEvents().AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == eventId && e.CartId == cartId && e.Type == CartActivityTypes.ItemRemoved,
                cancellationToken);

    private async Task<List<CartOwner>> OwnersAsync(CartLookupKey key, string value, CancellationToken cancellationToken)
    {
        switch (key)
        {
            case CartLookupKey.UserId:
                return [new CartOwner(OwnerKind.User, value)];
            case CartLookupKey.GuestSessionId:
                return [new CartOwner(OwnerKind.Guest, value)];
            case CartLookupKey.Email:
                var email = EmailAddresses.Normalise(value);
                var users = email is null
                    ? []
                    : await db.Set<ShopperEmail>().AsNoTracking().Where(e => e.Email == email)
                        .Select(e => e.UserId).OrderBy(u => u).Take(100).ToListAsync(cancellationToken);
                return users.ConvertAll(u => new CartOwner(OwnerKind.User, u));
            case CartLookupKey.CartId:
                var cartOwner = await db.Carts().AsNoTracking().Where(c => c.Id == value)
                    .Select(c => new { c.OwnerKind, c.OwnerId }).SingleOrDefaultAsync(cancellationToken);
                return cartOwner is null ? [] : [new CartOwner(cartOwner.OwnerKind, cartOwner.OwnerId)];
            case CartLookupKey.OrderId:
                var orderOwner = await db.Orders().AsNoTracking().Where(o => o.Id == value)
                    .Select(o => new { o.OwnerKind, o.OwnerId }).SingleOrDefaultAsync(cancellationToken);
                return orderOwner is null ? [] : [new CartOwner(orderOwner.OwnerKind, orderOwner.OwnerId)];
            default:
                throw new ArgumentOutOfRangeException(nameof(key), key, "Not a look-up key.");
        }
    }
}
