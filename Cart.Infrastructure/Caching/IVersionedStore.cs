namespace Cart.Infrastructure.Caching;

/// <summary>One level of the cache (process memory or Redis). Every set compares versions: older never wins.</summary>
internal interface IVersionedStore
{
    ValueTask<CachedCopy<T>?> GetAsync<T>(string key);

    /// <summary>Stores <paramref name="copy"/> for <paramref name="keepFor"/> unless a higher version is there.</summary>
    ValueTask<bool> SetIfNotOlderAsync<T>(string key, CachedCopy<T> copy, TimeSpan keepFor);

    ValueTask RemoveAsync(string key);
}
