namespace Cart.Infrastructure.Caching;

/// <summary>The version of a cached copy, whatever its value's type.</summary>
internal interface IVersionedCopy
{
    long Version { get; }
}

/// <summary>One cached copy: the value, its version, and until when it may be served without asking the database.</summary>
internal sealed record CachedCopy<T>(long Version, long FreshUntilMs, T Value, bool IsPlaceholder) : IVersionedCopy
{
    public bool IsFreshAt(long nowMs) => nowMs < FreshUntilMs;
}
