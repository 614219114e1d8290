using Cart.Domain.Common;

namespace Cart.Domain.Carts.Support;

/// <summary>One entry of a cart's timeline (<see cref="CartEvent"/>) as support sees it: a read model, not the entity.</summary>
public sealed record TimelineEntry(long Id, string Type, string? Sku, int? Quantity, string? Detail,
    ActorKind ActorKind, string ActorId, string? ActorName, DateTimeOffset At, string? Reason);
