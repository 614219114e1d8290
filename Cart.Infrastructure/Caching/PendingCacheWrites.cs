using System.Collections.Concurrent;
using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly;

namespace Cart.Infrastructure.Caching;

/// <summary>
/// Cache writes that could not reach Redis when a change committed (Redis was down or cut off). Until one has been
/// retried, this instance reads that key from the database, so the writer's instance never serves what came before
/// its own write. The retries (<see cref="ResiliencePipelines.RedisPendingWrites"/>) go through the Redis breaker:
/// while it is open they are refused at once, and they reach Redis as soon as the breaker lets a call through again.
/// A retried set still compares versions, so it never replaces a newer copy written meanwhile.
/// </summary>
internal sealed class PendingCacheWrites(
    [FromKeyedServices(ResiliencePipelines.RedisPendingWrites)] ResiliencePipeline pipeline) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Func<ValueTask>> _writes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _added = new(0, 1);

    public bool Contains(string key) => !_writes.IsEmpty && _writes.ContainsKey(key);

    /// <summary>Remembers the latest write to <paramref name="key"/> that Redis did not take.</summary>
    public void Add(string key, Func<ValueTask> retry)
    {
        _writes[key] = retry;
        try
        {
            _added.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the retries will see this write too.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await _added.WaitAsync(stoppingToken);
            await pipeline.ExecuteAsync(static async (writes, _) => await writes.RetryAllAsync(), this,
                stoppingToken);
        }
    }

    /// <summary>Retries every pending write once; throws <see cref="CacheLevelUnavailableException"/> when Redis did
    /// not take one (the pipeline tries again later).</summary>
    internal async Task RetryAllAsync()
    {
        foreach (var write in _writes)
        {
            await write.Value();
            // Only this attempt: a newer write added while it ran stays pending.
            _writes.TryRemove(write);
        }
    }

    public override void Dispose()
    {
        _added.Dispose();
        base.Dispose();
    }
}
