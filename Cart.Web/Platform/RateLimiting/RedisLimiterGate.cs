using StackExchange.Redis;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// Whether the rate limiters should ask Redis right now. One gate is shared by every caller's limiter, so a failure met
/// by one request spares all the others the wait: while the connection is down, and for a short pause after a call
/// failed, every limiter counts in process instead.
/// </summary>
internal sealed class RedisLimiterGate(IConnectionMultiplexer redis, TimeProvider clock, ILogger<RedisLimiterGate> logger)
{
    // IsConnected catches a closed connection at once; a network that drops packets shows up only as timeouts. The pause
    // makes that cost one slow request per pause instead of one per request, and is short so the shared count is back soon.
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(2);

    private long _pausedUntilTicks;

    public IConnectionMultiplexer Redis => redis;

    public bool ShouldAskRedis =>
        redis.IsConnected && clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _pausedUntilTicks);

    public void Failed(Exception exception)
    {
        var now = clock.GetUtcNow();
        var previous = Interlocked.Exchange(ref _pausedUntilTicks, (now + PauseAfterFailure).UtcTicks);
        if (previous <= now.UtcTicks)
        {
            logger.LogWarning(exception, "Rate limits are counted in process for {Pause}: Redis did not answer",
                PauseAfterFailure);
        }
    }
}
