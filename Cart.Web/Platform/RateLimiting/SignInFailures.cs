using System.Security.Cryptography;
using System.Text;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// Failed sign-ins, counted per client address (a budget: <see cref="RateLimitOptions.SignInPermitLimit"/> per
/// <see cref="RateLimitOptions.SignInWindow"/>) and per account named (a growing delay before each answer, never a
/// lockout), in Redis so that every instance shares them, in process whenever Redis cannot answer (through the
/// <see cref="RedisCircuitBreaker"/> the cache shares).
/// </summary>
/// <remarks>
/// Only failures spend the budget: an attempt takes a place before it is made (so that many attempts at once from one
/// address cannot all pass), and a success gives it back. The framework's rate limiters cannot give a permit back,
/// hence a counter of its own: one Redis key per address and per account, each changed by one script call.
/// </remarks>
internal sealed class SignInFailures(
    IOptions<RateLimitOptions> options,
    IOptions<RedisOptions> redis,
    TimeProvider clock,
    IServiceProvider services)
{
    // Adds ARGV[1] to the count, keeps it at 0 or more, and (re)starts its expiry: always when ARGV[3] is 1 (the
    // account's memory of failures, from the last one), else only when the key has none (the address's fixed window).
    private const string AddScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if count < 0 then
            redis.call('SET', KEYS[1], 0)
            count = 0
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ARGV[3] == '1' or ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            ttl = tonumber(ARGV[2])
        end
        return { count, ttl }
        """;

    // Any count plus this is below zero, which both counters keep at zero.
    private const long BackToZero = long.MinValue / 2;

    private readonly LocalCounts _local = new(clock);
    private readonly (IConnectionMultiplexer Connection, RedisCircuitBreaker Breaker)? _redis =
        services.GetService<IConnectionMultiplexer>() is { } multiplexer
            ? (multiplexer, services.GetRequiredService<RedisCircuitBreaker>())
            : null;

    private RateLimitOptions Options => options.Value;

    /// <summary>Takes a place in <paramref name="address"/>'s budget for an attempt about to be made. Null: go ahead;
    /// else the whole seconds until the address may try again.</summary>
    public async Task<int?> TakeAddressPlaceAsync(string address)
    {
        if (!Options.Enabled)
        {
            return null;
        }

        var (count, remaining) = await AddAsync(AddressKey(address), 1, Options.SignInWindow, sliding: false);
        return count <= Options.SignInPermitLimit ? null : Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds));
    }

    /// <summary>Counts an attempt on the account named <paramref name="normalizedName"/> and returns how long to wait
    /// before answering it: nothing for the first <see cref="RateLimitOptions.SignInFreeFailures"/> failures in a row,
    /// then 1 s, doubling with each failure up to <see cref="RateLimitOptions.SignInMaxDelay"/>.</summary>
    public async Task<TimeSpan> DelayBeforeAttemptAsync(string normalizedName)
    {
        var (count, _) = await AddAsync(AccountKey(normalizedName), 1, Options.SignInFailureMemory, sliding: true);
        return DelayAfter(count - 1, Options);
    }

    /// <summary>A success: the address gets its place back, and the account's failures are forgotten.</summary>
    public async Task SucceededAsync(string address, string normalizedName)
    {
        if (Options.Enabled)
        {
            await AddAsync(AddressKey(address), -1, Options.SignInWindow, sliding: false);
        }

        await AddAsync(AccountKey(normalizedName), BackToZero, Options.SignInFailureMemory, sliding: true);
    }

    /// <summary>The wait before answering an attempt that follows <paramref name="failures"/> failures in a row.</summary>
    public static TimeSpan DelayAfter(long failures, RateLimitOptions options)
    {
        var doublings = failures - options.SignInFreeFailures;
        if (doublings < 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = doublings >= 30 ? double.MaxValue : Math.Pow(2, doublings);
        return seconds >= options.SignInMaxDelay.TotalSeconds ? options.SignInMaxDelay : TimeSpan.FromSeconds(seconds);
    }

    private string AddressKey(string address) => redis.Value.KeyPrefix + "sign-in:address:" + address;

    // Hashed: the keys must not hold staff emails in clear (nor anything a stranger typed).
    private string AccountKey(string normalizedName) => redis.Value.KeyPrefix + "sign-in:account:" +
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedName)));

    private async Task<(long Count, TimeSpan Remaining)> AddAsync(string key, long delta, TimeSpan expiry, bool sliding)
    {
        if (_redis is { } shared)
        {
            var outcome = await shared.Breaker.ExecuteAsync(static async (connection, args, _) =>
                    (long[]?)await connection.GetDatabase().ScriptEvaluateAsync(AddScript, [args.Key],
                    [
                        args.Delta, (long)args.Expiry.TotalMilliseconds,
                        args.Sliding ? "1" : "0",
                    ]),
                (Key: key, Delta: delta, Expiry: expiry, Sliding: sliding), CancellationToken.None);
            if (outcome.Exception is null && outcome.Result is [var count, var ttl])
            {
                return (count, TimeSpan.FromMilliseconds(ttl));
            }
        }

        return _local.Add(key, delta, expiry, sliding);
    }

    /// <summary>The same counts in process: for a host without Redis, and while Redis is away.</summary>
    private sealed class LocalCounts(TimeProvider clock)
    {
        private readonly Dictionary<string, (long Count, DateTimeOffset Expires)> _counts = new(StringComparer.Ordinal);

        public (long Count, TimeSpan Remaining) Add(string key, long delta, TimeSpan expiry, bool sliding)
        {
            var now = clock.GetUtcNow();
            lock (_counts)
            {
                if (_counts.Count > 10_000)
                {
                    foreach (var stale in _counts.Where(c => c.Value.Expires <= now).Select(c => c.Key).ToList())
                    {
                        _counts.Remove(stale);
                    }
                }

                var (count, expires) = _counts.TryGetValue(key, out var entry) && entry.Expires > now
                    ? entry
                    : (0, now + expiry);
                count = Math.Max(0, count + delta);
                if (sliding)
                {
                    expires = now + expiry;
                }

                _counts[key] = (count, expires);
                return (count, expires - now);
            }
        }
    }
}
