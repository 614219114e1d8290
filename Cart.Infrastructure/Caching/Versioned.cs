namespace Cart.Infrastructure.Caching;

/// <summary>
/// A value read from the system of record, with the version of the record it was read from. Versions only grow, so
/// of two copies of one key the one with the higher version is the newer. <paramref name="IsPlaceholder"/> marks
/// "nothing there yet" (an owner without a cart): cached briefly and never kept as a fail-safe copy.
/// </summary>
public readonly record struct Versioned<T>(long Version, T Value, bool IsPlaceholder = false);
