using System.Collections.Concurrent;
using Cart.Infrastructure.Caching;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cart.Web.Carts;

/// <summary>
/// Cart entries a write could not delete from Redis (Redis was unreachable when the write committed). Until a retry
/// has deleted one, this instance reads that cart from the database, so the writer's instance never serves the cart
/// from before its own write; the retries run as soon as Redis answers again, which bounds how long another instance
/// could still see the old entry.
/// </summary>
internal sealed class PendingCartInvalidations(IServiceProvider services, IOptions<RedisOptions> options,
    ILogger<PendingCartInvalidations> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();

    public bool HasRedis => _redis is not null;

    public bool IsPending(string key) => !_keys.IsEmpty && _keys.ContainsKey(key);

    /// <summary>Deletes the entry from Redis now; if Redis cannot be reached, remembers it and retries.</summary>
    public async Task DeleteAsync(string key)
    {
        if (_redis is null)
        {
            return;
        }

        if (!await TryDeleteAsync(key))
        {
            _keys[key] = 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_redis is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(RetryInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var key in _keys.Keys)
            {
                if (await TryDeleteAsync(key))
                {
                    _keys.TryRemove(key, out _);
                }
            }
        }
    }

    private async Task<bool> TryDeleteAsync(string key)
    {
        // Not connected: fail at once instead of queueing the command until it times out.
        if (!_redis!.IsConnected)
        {
            return false;
        }

        try
        {
            await _redis.GetDatabase().KeyDeleteAsync(options.Value.KeyPrefix + key);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not drop a cached cart from Redis; retrying until Redis answers");
            return false;
        }
    }
}
