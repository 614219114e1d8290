namespace Cart.Infrastructure.Caching;

/// <summary>
/// A read-through, write-through cache of versioned values in which an older version never replaces a newer one:
/// a read that loaded a value just before a write committed cannot put it back over the written one.
/// </summary>
public interface IVersionedCache
{
    /// <summary>The cached value while fresh; else <paramref name="load"/>'s, cached unless a newer one got there first.</summary>
    Task<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<Versioned<T>>> load,
        CancellationToken cancellationToken);

    /// <summary>Write-through after a commit: caches the committed value unless a newer version is already there.</summary>
    Task PutAsync<T>(string key, Versioned<T> value);

    /// <summary>Drops the entry: for a change whose outcome is not known, so the next read asks the database.</summary>
    Task ForgetAsync(string key);
}
