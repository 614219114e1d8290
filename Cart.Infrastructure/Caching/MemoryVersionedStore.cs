using Microsoft.Extensions.Caching.Memory;

namespace Cart.Infrastructure.Caching;

/// <summary>
/// Process memory as a cache level. The compare-by-version set runs under a lock striped by key, so an older copy
/// never replaces a newer one however reads and writes interleave.
/// </summary>
internal sealed class MemoryVersionedStore : IVersionedStore, IDisposable
{
    private const int Stripes = 64;
    private readonly MemoryCache _memory = new(new MemoryCacheOptions());
    private readonly Lock[] _locks = Enumerable.Range(0, Stripes).Select(_ => new Lock()).ToArray();

    public ValueTask<CachedCopy<T>?> GetAsync<T>(string key) =>
        ValueTask.FromResult(_memory.Get(key) as CachedCopy<T>);

    public ValueTask<bool> SetIfNotOlderAsync<T>(string key, CachedCopy<T> copy, TimeSpan keepFor)
    {
        lock (LockOf(key))
        {
            if (_memory.Get(key) is IVersionedCopy current && current.Version > copy.Version)
            {
                return ValueTask.FromResult(false);
            }

            _memory.Set(key, copy, keepFor);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask RemoveAsync(string key)
    {
        lock (LockOf(key))
        {
            _memory.Remove(key);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Another instance wrote <paramref name="version"/>: an older copy here is replaced by a marker of that version,
    /// which no read serves and which keeps a read that loaded the older version from settling here.
    /// </summary>
    public void MarkVersion(string key, long version, TimeSpan keepFor)
    {
        lock (LockOf(key))
        {
            if (_memory.Get(key) is not IVersionedCopy current || current.Version < version)
            {
                _memory.Set(key, new VersionMarker(version), keepFor);
            }
        }
    }

    public void Dispose() => _memory.Dispose();

    private Lock LockOf(string key) => _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes)];
}

/// <summary>Only a version: what this instance knows was written elsewhere, before it has the copy itself.</summary>
internal sealed record VersionMarker(long Version) : IVersionedCopy;
