namespace Cart.Infrastructure.Caching;

/// <summary>How long copies are fresh and kept.</summary>
/// <param name="FreshFor">A real value is served without asking the database this long.</param>
/// <param name="MemoryFreshFor">The same, for the copy in process memory in front of Redis.</param>
/// <param name="PlaceholderFor">"Nothing there" is remembered this long, and no longer.</param>
/// <param name="FailSafeFor">A real value is kept this long to answer reads while the database is down.</param>
internal sealed record VersionedCachePolicy(
    TimeSpan FreshFor,
    TimeSpan MemoryFreshFor,
    TimeSpan PlaceholderFor,
    TimeSpan FailSafeFor)
{
    /// <summary>
    /// A read that took longer than this to load does not fill the cache. Every copy lives at least
    /// <see cref="PlaceholderFor"/>, so a copy a writer stored after that read began is still there to compare with
    /// when the read's fill arrives: the version check, not luck, decides.
    /// </summary>
    public TimeSpan MaxFillTime => PlaceholderFor / 2;

    public TimeSpan KeepFor(bool placeholder) =>
        placeholder ? PlaceholderFor : FreshFor > FailSafeFor ? FreshFor : FailSafeFor;
}
