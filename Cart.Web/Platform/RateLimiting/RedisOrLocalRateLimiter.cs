using System.Threading.RateLimiting;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Resilience;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// One caller's fixed window, counted in Redis so that every instance of the service shares it, and counted in process
/// whenever Redis cannot answer. The limiter must never be why a request fails: a Redis outage costs the precision of
/// the limit (each instance then allows the whole budget on its own), never a 500 and never a wait on every request:
/// every call to Redis goes through the <see cref="RedisCircuitBreaker"/> the cart cache shares, so a failure met by
/// one request, or by the cache, sends every caller's limiter to its in-process window for the break.
/// </summary>
/// <remarks>
/// A fixed window: two small keys per caller and one round trip in Redis, and the framework's in-process limiter of the
/// same kind to fall back on. A caller can reach twice the budget across a window boundary, which is fine for stopping
/// abuse; RedisRateLimiting's sliding window would keep a sorted-set entry per request instead.
/// A <see cref="ReplenishingRateLimiter"/> so that the partitioned limiter's own timer replenishes the in-process
/// window, as it does for the framework's limiters (no timer per caller).
/// </remarks>
internal sealed class RedisOrLocalRateLimiter : ReplenishingRateLimiter
{
    private readonly RedisFixedWindowRateLimiter<string> _shared;
    private readonly FixedWindowRateLimiter _local;
    private readonly RedisCircuitBreaker _breaker;
    private readonly TimeProvider _clock;
    private long _lastUsed;

    /// <param name="redisKey">The caller's key in Redis, already carrying this service's key prefix.</param>
    public RedisOrLocalRateLimiter(string redisKey, int permitLimit, TimeSpan window, IConnectionMultiplexer redis,
        RedisCircuitBreaker breaker, TimeProvider clock)
    {
        _breaker = breaker;
        _clock = clock;
        _lastUsed = clock.GetTimestamp();
        _shared = new RedisFixedWindowRateLimiter<string>(redisKey, new RedisFixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            ConnectionMultiplexerFactory = () => redis,
        });
        _local = new FixedWindowRateLimiter(LocalOptions(permitLimit, window));
    }

    /// <summary>The in-process window: the same budget, no queue (over the limit is refused at once).</summary>
    public static FixedWindowRateLimiterOptions LocalOptions(int permitLimit, TimeSpan window) => new()
    {
        PermitLimit = permitLimit,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    // The partitioned limiter drops a caller's limiter once it has been idle for a while. The shared count lives on in
    // Redis, so only an in-process window that still holds permits (IdleDuration null) must be kept.
    public override TimeSpan? IdleDuration =>
        _local.IdleDuration is null ? null : _clock.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => _local.ReplenishmentPeriod;

    public override bool TryReplenish() => _local.TryReplenish();

    // The Redis limiter keeps no statistics (it throws); the in-process ones are all there is.
    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, _clock.GetTimestamp());
        // The Redis limiter answers a synchronous attempt with "not acquired" without calling Redis, which sends the
        // middleware on to AcquireAsync. That is where the breaker is asked, even while it is open: only a call
        // through it finds out that the break is over.
        return _shared.AttemptAcquire(permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount,
        CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, _clock.GetTimestamp());
        var shared = await _breaker.ExecuteAsync(static (_, args, ct) => args.Limiter.AcquireAsync(args.Permits, ct),
            (Limiter: _shared, Permits: permitCount), cancellationToken);
        return shared.Exception is null ? shared.Result! : await _local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _shared.DisposeAsync();
        await _local.DisposeAsync();
        await base.DisposeAsyncCore();
    }
}
