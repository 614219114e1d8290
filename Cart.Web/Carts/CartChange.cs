using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;

namespace Cart.Web.Carts;

/// <summary>What a use case sees while it changes a cart.</summary>
internal sealed class CartChange(CartDbContext db, CartQueries carts, CartOwner owner, OwnerCarts current, DateTimeOffset now)
{
    private readonly List<(CartOwner Owner, ShoppingCart? Cart, IReadOnlyDictionary<string, int> Before)> _others = [];
    private readonly IReadOnlyDictionary<string, int> _before = HoldPlan.QuantitiesOf(current.Active);
    private List<(CartOwner Owner, CartSnapshot Cart)>? _sealed;

    public CartOwner Owner { get; } = owner;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Who makes the change: the shopper unless the use case says otherwise (a job, a support user).</summary>
    public CartActor Actor { get; set; } = CartActor.Shopper(owner);

    /// <summary>Why the change is made: a support fix's reason, kept on each of its timeline entries.</summary>
    public string? Reason { get; set; }

    /// <summary>
    /// True when lines that grew hold what stock is free rather than refuse the change (a merge at login must not fail
    /// for stock the shopper's carts held a moment ago).
    /// </summary>
    public bool HoldWhatIsFree { get; set; }

    /// <summary>The owner's active cart, or null when the owner has none yet.</summary>
    public ShoppingCart? Cart { get; private set; } = current.Active;

    /// <summary>The owner's cart, opened (and inserted on commit) when there is none yet.</summary>
    public ShoppingCart OpenCart()
    {
        if (Cart is null)
        {
            // Closed carts of the owner (a merged guest cart) keep their versions; the new one counts on from them.
            Cart = ShoppingCart.Open(Owner, Now, current.Version);
            db.Carts().Add(Cart);
        }

        return Cart;
    }

    /// <summary>Another owner's active cart, tracked in the same transaction (the guest cart of a merge).</summary>
    public async Task<ShoppingCart?> FindOtherCartAsync(CartOwner other, CancellationToken cancellationToken)
    {
        var cart = await carts.FindActiveAsync(other, tracking: true, cancellationToken);
        _others.Add((other, cart, HoldPlan.QuantitiesOf(cart)));
        return cart;
    }

    /// <summary>The owner's cart as this change leaves it (no cart once it closed, at the version it closed with).</summary>
    public CartSnapshot Snapshot() => _sealed is not null ? _sealed[0].Cart : OwnSnapshot();

    /// <summary>
    /// Takes the snapshots of every cart the change touched, once, when nothing will change them any more (the holds
    /// recorded): the response, the cache and the commit check all use these.
    /// </summary>
    public void Seal() => _sealed = Compute().ToList();

    /// <summary>Every cart the change touched: the owner's (when it has one), and another it found (a merge's).</summary>
    public IEnumerable<(CartOwner Owner, ShoppingCart Cart)> Touched()
    {
        if (Cart is not null)
        {
            yield return (Owner, Cart);
        }

        foreach (var (other, cart, _) in _others)
        {
            if (cart is not null)
            {
                yield return (other, cart);
            }
        }
    }

    /// <summary>Every cart the change touched, as it leaves them: the owner's first, and another it found (a merge's).</summary>
    public IEnumerable<(CartOwner Owner, CartSnapshot Cart)> Results() => _sealed ?? Compute();

    private CartSnapshot OwnSnapshot() => Cart is { Status: not CartStatus.Active }
        ? CartSnapshot.NoCart(Cart.Version)
        : CartSnapshot.Of(Cart, current.Version);

    private IEnumerable<(CartOwner Owner, CartSnapshot Cart)> Compute()
    {
        yield return (Owner, OwnSnapshot());
        foreach (var (other, cart, _) in _others)
        {
            if (cart is not null)
            {
                yield return (other, CartSnapshot.Of(cart.Status == CartStatus.Active ? cart : null, cart.Version));
            }
        }
    }

    /// <summary>
    /// The holds this change asks for, for every cart it touched. A cart that checked out asks for none: its holds
    /// are sold, not released.
    /// </summary>
    /// <param name="clientAddress">The caller's client address (<see cref="Platform.RateLimiting.ClientAddress"/>);
    /// null when the change comes from no storefront request.</param>
    public IEnumerable<HoldRequest> HoldRequests(HoldLimits limits, string? clientAddress)
    {
        // A guest's holds count against the caller's address only when the guest makes the change itself.
        var requests = Cart is null or { Status: CartStatus.CheckedOut }
            ? []
            : HoldPlan.For(Cart, _before, limits, HoldWhatIsFree, Now, HolderOf(Owner, clientAddress));
        foreach (var (other, cart, before) in _others)
        {
            if (cart is not null)
            {
                requests = requests.Concat(HoldPlan.For(cart, before, limits, HoldWhatIsFree, Now,
                    HolderOf(other, clientAddress)));
            }
        }

        return requests;
    }

    private string? HolderOf(CartOwner owner, string? clientAddress) =>
        HoldLimits.HolderKey(owner, Actor.Kind == ActorKind.Shopper ? clientAddress : null);
}
