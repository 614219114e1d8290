using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cart.Infrastructure.Resilience;
using Polly;
using StackExchange.Redis;

namespace Cart.Infrastructure.Caching;

/// <summary>
/// Redis as a cache level. A copy is one string, <c>{version}:{freshUntilMs}:{p|v}:{json}</c>, so a small Lua script
/// can compare versions inside Redis and set only when the stored copy is not newer: atomic across every instance.
/// Every key gets a TTL. Each call goes through the <see cref="RedisCircuitBreaker"/> the rate limits share, so
/// requests do not each wait for a dead Redis: while the circuit is open, or when a call fails, it throws
/// <see cref="CacheLevelUnavailableException"/> and the cache goes on without Redis.
/// </summary>
internal sealed class RedisVersionedStore(IConnectionMultiplexer redis, RedisCircuitBreaker breaker, string keyPrefix,
    JsonSerializerOptions json) : IVersionedStore
{
    // Versions stay far below 2^53, where Lua's numbers are exact.
    private const string SetIfNotOlderScript = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local version = tonumber(string.match(current, '^(%d+):'))
          if version and version > tonumber(ARGV[1]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    public async ValueTask<CachedCopy<T>?> GetAsync<T>(string key)
    {
        var lease = Answer(await breaker.ExecuteAsync(static async (redis, key, _) =>
            await redis.GetDatabase().StringGetLeaseAsync(key), (RedisKey)(keyPrefix + key), CancellationToken.None));
        using (lease)
        {
            return lease is null ? null : Decode<T>(lease.Span);
        }
    }

    public async ValueTask<bool> SetIfNotOlderAsync<T>(string key, CachedCopy<T> copy, TimeSpan keepFor)
    {
        var result = Answer(await breaker.ExecuteAsync(static async (redis, args, _) =>
                await redis.GetDatabase().ScriptEvaluateAsync(SetIfNotOlderScript, [args.Key], args.Values),
            (Key: (RedisKey)(keyPrefix + key),
                Values: new RedisValue[] { copy.Version, Encode(copy), (long)Math.Ceiling(keepFor.TotalMilliseconds) }),
            CancellationToken.None));
        return (long)result == 1;
    }

    /// <summary>
    /// For a committed write whose put failed or met an open circuit: one more try, past the breaker, to put the
    /// write's copy, else to delete the key, so no instance goes on reading the copy the write replaced. False when
    /// Redis cannot be reached even so (the caller remembers the put); fast when the client knows it is disconnected.
    /// </summary>
    public async ValueTask<bool> TryReplaceAfterWriteAsync<T>(string key, CachedCopy<T> copy, TimeSpan keepFor)
    {
        if (!redis.IsConnected)
        {
            return false;
        }

        var db = redis.GetDatabase();
        RedisKey fullKey = keyPrefix + key;
        try
        {
            await db.ScriptEvaluateAsync(SetIfNotOlderScript, [fullKey],
                [copy.Version, Encode(copy), (long)Math.Ceiling(keepFor.TotalMilliseconds)]);
            return true;
        }
        catch (Exception ex) when (RedisCircuitBreaker.IsRedisFailure(ex, CancellationToken.None))
        {
        }

        try
        {
            await db.KeyDeleteAsync(fullKey);
            return true;
        }
        catch (Exception ex) when (RedisCircuitBreaker.IsRedisFailure(ex, CancellationToken.None))
        {
            return false;
        }
    }

    public async ValueTask RemoveAsync(string key) =>
        _ = Answer(await breaker.ExecuteAsync(static async (redis, key, _) =>
            await redis.GetDatabase().KeyDeleteAsync(key), (RedisKey)(keyPrefix + key), CancellationToken.None));

    /// <summary>Tells the other instances that <paramref name="key"/> now has <paramref name="version"/>.</summary>
    public async ValueTask PublishVersionAsync(string key, long version) =>
        _ = Answer(await breaker.ExecuteAsync(static async (redis, args, _) =>
                await redis.GetSubscriber().PublishAsync(args.Channel, args.Message),
            (Channel: VersionsChannel(keyPrefix),
                Message: (RedisValue)string.Create(CultureInfo.InvariantCulture, $"{version}:{key}")),
            CancellationToken.None));

    /// <summary>Calls <paramref name="onVersion"/> for every version another instance publishes.</summary>
    public Task SubscribeToVersionsAsync(Action<string, long> onVersion) =>
        redis.GetSubscriber().SubscribeAsync(VersionsChannel(keyPrefix), (_, message) =>
        {
            var text = (string?)message;
            var colon = text?.IndexOf(':') ?? -1;
            if (colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture,
                    out var version))
            {
                onVersion(text![(colon + 1)..], version);
            }
        });

    private static RedisChannel VersionsChannel(string keyPrefix) => RedisChannel.Literal(keyPrefix + "versions");

    private static T Answer<T>(Outcome<T> outcome) => outcome.Exception is { } failure
        ? throw new CacheLevelUnavailableException("Redis did not answer.", failure)
        : outcome.Result!;

    private byte[] Encode<T>(CachedCopy<T> copy)
    {
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{copy.Version}:{copy.FreshUntilMs}:{(copy.IsPlaceholder ? 'p' : 'v')}:");
        var body = JsonSerializer.SerializeToUtf8Bytes(copy.Value, json);
        var bytes = new byte[header.Length + body.Length];
        Encoding.ASCII.GetBytes(header, bytes);
        body.CopyTo(bytes, header.Length);
        return bytes;
    }

    private CachedCopy<T>? Decode<T>(ReadOnlySpan<byte> bytes)
    {
        if (!TryReadNumber(ref bytes, out var version) || !TryReadNumber(ref bytes, out var freshUntil)
            || bytes.Length < 2 || bytes[1] != (byte)':')
        {
            return null; // not ours, or from an older format: a miss
        }

        var placeholder = bytes[0] == (byte)'p';
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes[2..], json);
            return value is null ? null : new CachedCopy<T>(version, freshUntil, value, placeholder);
        }
        catch (JsonException)
        {
            return null; // written by a version of the service with another shape: a miss, refilled by version
        }
    }

    private static bool TryReadNumber(ref ReadOnlySpan<byte> bytes, out long number)
    {
        var colon = bytes.IndexOf((byte)':');
        if (colon <= 0 || !Utf8Parser.TryParse(bytes[..colon], out number, out var consumed) || consumed != colon)
        {
            number = 0;
            return false;
        }

        bytes = bytes[(colon + 1)..];
        return true;
    }
}

/// <summary>A cache level cannot be used right now; the caller goes on without it.</summary>
internal sealed class CacheLevelUnavailableException(string message, Exception? inner)
    : RedisUnavailableException(message, inner);
