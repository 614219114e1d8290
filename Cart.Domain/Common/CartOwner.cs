namespace Cart.Domain.Common;

public enum OwnerKind
{
    User,
    Guest,
}

/// <summary>
/// Who a cart belongs to: a signed-in shopper or a guest session, always taken from the caller's token. Also the caller
/// that idempotency keys and rate budgets are counted for, so it lives beside the other shared types, not in a module.
/// </summary>
public readonly record struct CartOwner(OwnerKind Kind, string Id)
{
    public const string GuestIdPrefix = "g_";

    public static CartOwner User(string id) => new(OwnerKind.User, id);

    public static CartOwner Guest(string sessionId) => new(OwnerKind.Guest, sessionId);

    /// <summary>A stable string naming the owner, used to scope idempotency keys and per-cart locks.</summary>
    public string Key => $"{(Kind == OwnerKind.User ? "user" : "guest")}:{Id}";

    public override string ToString() => Key;
}
