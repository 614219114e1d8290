using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Cart.Infrastructure.Caching.Versioned;

/// <summary>
/// Cache writes that could not reach Redis when a change committed (Redis was down or cut off). Until one has been
/// retried, this instance reads that key from the database, so the writer's instance never serves what came before
/// its own write; the retries run as soon as Redis answers again. A retried set still compares versions, so it never
/// replaces a newer copy written meanwhile.
/// </summary>
internal sealed class PendingCacheWrites : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, Func<ValueTask>> _writes = new(StringComparer.Ordinal);

    public bool Contains(string key) => !_writes.IsEmpty && _writes.ContainsKey(key);

    /// <summary>Remembers the latest write to <paramref name="key"/> that Redis did not take.</summary>
    public void Add(string key, Func<ValueTask> retry) => _writes[key] = retry;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RetryAllAsync();
        }
    }

    internal async Task RetryAllAsync()
    {
        foreach (var write in _writes)
        {
            try
            {
                await write.Value();
                // Only this attempt: a newer write added while it ran stays pending.
                _writes.TryRemove(write);
            }
            catch (CacheLevelUnavailableException)
            {
                return; // Redis is still away; the next tick tries again.
            }
        }
    }
}
