using Cart.Domain.Common;

namespace Cart.Domain.Carts;

/// <summary>
/// One entry of a cart's timeline: what happened (<see cref="CartActivity"/>), to which cart, by whom, when. Appended
/// in the same transaction as the change it records; never changed afterwards.
/// </summary>
public sealed class CartEvent
{
    private CartEvent()
    {
        CartId = string.Empty;
        Type = string.Empty;
        ActorId = string.Empty;
    }

    /// <param name="owner">The cart's owner; null where the writer knows only the cart (the hold expiry sweep).</param>
    /// <param name="reason">Why a support user made the change (required of every support fix); null otherwise.</param>
    public CartEvent(string cartId, CartOwner? owner, CartActivity activity, CartActor actor, DateTimeOffset at,
        string? reason = null)
    {
        CartId = cartId;
        OwnerKind = owner?.Kind;
        OwnerId = owner?.Id;
        Type = activity.Type;
        Sku = activity.Sku;
        Quantity = activity.Quantity;
        Detail = activity.Detail;
        ActorKind = actor.Kind;
        ActorId = actor.Id;
        ActorName = actor.Name;
        At = at;
        Reason = reason;
    }

    public long Id { get; private set; }

    public string CartId { get; private set; }

    public OwnerKind? OwnerKind { get; private set; }

    public string? OwnerId { get; private set; }

    public string Type { get; private set; }

    public string? Sku { get; private set; }

    public int? Quantity { get; private set; }

    public string? Detail { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; }

    /// <summary>A support user's email as it was when they acted (the id stays even if the account is renamed).</summary>
    public string? ActorName { get; private set; }

    /// <summary>Why a support user made the change.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset At { get; private set; }
}

public enum ActorKind
{
    /// <summary>The cart's owner, through the storefront API.</summary>
    Shopper,

    /// <summary>A background job (the hold expiry sweep, the cleanup).</summary>
    Job,

    /// <summary>A support user of the admin console.</summary>
    Support,
}

/// <summary>Who made a change: the shopper, a job (by name) or a support user (by id, and their email as
/// <paramref name="Name"/>).</summary>
public readonly record struct CartActor(ActorKind Kind, string Id, string? Name = null)
{
    public static CartActor Support(string staffId, string name) => new(ActorKind.Support, staffId, name);

    public static CartActor Shopper(CartOwner owner) => new(ActorKind.Shopper, owner.Key);

    public static CartActor Job(string name) => new(ActorKind.Job, name);

    /// <summary>The expiry rule: the sweep, or a reservation that needed a lapsed hold's units.</summary>
    public static readonly CartActor HoldExpiry = Job("hold-expiry");
}
