using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Resilience;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace Cart.Tests.Infrastructure;

/// <summary>
/// The circuit breaker in front of Redis as the host registers it (default settings), on a real Redis and a fake
/// clock: when it opens, that it stops calling Redis, when it closes, and what it logs.
/// (RateLimitTests and CacheTests show the cart cache and the rate limits sharing it.)
/// </summary>
public sealed class RedisCircuitBreakerTests : IAsyncLifetime
{
    private static readonly TimeSpan BreakDuration = new ResilienceOptions().Redis.BreakDuration;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _brokenKey = $"test-{Guid.NewGuid():N}:broken";
    private ConnectionMultiplexer? _redis;
    private ServiceProvider? _services;

    private RedisCircuitBreaker Breaker => _services!.GetRequiredService<RedisCircuitBreaker>();

    private FakeLogCollector Logs => _services!.GetFakeLogCollector();

    public async Task InitializeAsync()
    {
        await RedisFaults.BreakKeyAsync(_brokenKey);
        _redis = await ConnectionMultiplexer.ConnectAsync(ApiFixture.RedisAddress);
        _services = Services();
    }

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());
        services.AddKeyedSingleton<TimeProvider>(ResiliencePipelines.RealTimeClock, _clock);
        services.AddSingleton<IConnectionMultiplexer>(_redis!);
        services.AddRedisCircuitBreaker();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Execute_WhenRedisFailsTwice_StopsCallingItForTheBreakDurationThenCallsItAgain()
    {
        Assert.IsType<RedisServerException>((await GetBrokenKeyAsync()).Exception);
        Assert.Empty(Logs.GetSnapshot()); // one failure is not enough: Polly counts at least two calls
        Assert.IsType<RedisServerException>((await GetBrokenKeyAsync()).Exception);

        var calls = 0;
        var whileOpen = await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(++calls), 0, default);
        _clock.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        var justBeforeTheEnd = await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(++calls), 0, default);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterTheBreak = await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(++calls), 0, default);

        Assert.IsType<BrokenCircuitException>(whileOpen.Exception);
        Assert.IsType<BrokenCircuitException>(justBeforeTheEnd.Exception);
        Assert.Equal(1, afterTheBreak.Result);
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData("Resilience:Redis:BreakDuration")]
    [InlineData("Cache:CircuitBreakerDuration")] // the key it had before, still read
    public async Task Execute_WhenTheBreakDurationIsConfigured_StopsCallingRedisForThatLong(string key)
    {
        await _services!.DisposeAsync();
        _services = Services((key, "00:00:01"));
        await GetBrokenKeyAsync();
        await GetBrokenKeyAsync();

        _clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        var justBeforeTheEnd = await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(1), 0, default);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterTheBreak = await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(1), 0, default);

        Assert.IsType<BrokenCircuitException>(justBeforeTheEnd.Exception);
        Assert.Equal(1, afterTheBreak.Result);
    }

    [Fact]
    public void Options_WhenAFigureIsOutOfRange_AreRefusedNamingIt()
    {
        using var services = Services(("Resilience:Redis:BreakDuration", "00:00:00.100"));

        var refused = Assert.Throws<OptionsValidationException>(() =>
            services.GetRequiredService<IOptions<ResilienceOptions>>().Value);

        Assert.Contains("BreakDuration", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_WhenTheCircuitOpensAndCloses_LogsEachOnce()
    {
        await GetBrokenKeyAsync();
        await GetBrokenKeyAsync();
        await GetBrokenKeyAsync();
        _clock.Advance(BreakDuration);
        await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(1), 0, default);

        var logs = Logs.GetSnapshot();
        Assert.Collection(logs,
            opened =>
            {
                Assert.Equal(LogLevel.Warning, opened.Level);
                Assert.Equal($"Redis failed; the cart cache and the rate limits leave it alone for {BreakDuration}",
                    opened.Message);
                Assert.IsType<RedisServerException>(opened.Exception);
            },
            closed =>
            {
                Assert.Equal(LogLevel.Information, closed.Level);
                Assert.Equal("Redis answers again; the cart cache and the rate limits use it again", closed.Message);
            });
        Assert.All(logs, log => Assert.Equal(typeof(RedisCircuitBreaker).FullName, log.Category));
    }

    [Fact]
    public async Task Execute_WhenTheCallFailsForAnotherReason_ThrowsAndTheCircuitStaysClosed()
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await Breaker.ExecuteAsync<int, int>((_, _, _) => throw new InvalidOperationException("a bug"), 0,
                    default));
        }

        var next = await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(1), 0, default);

        Assert.Equal(1, next.Result);
        Assert.Empty(Logs.GetSnapshot());
    }

    [Fact]
    public async Task Execute_WhenTheClientCancelsACommandItself_CountsItAsAFailureAndOpens()
    {
        // What StackExchange.Redis does to the commands in flight when it sees the connection drop.
        for (var i = 0; i < 2; i++)
        {
            var aborted = await Breaker.ExecuteAsync<int, int>((_, _, _) => throw new TaskCanceledException(), 0,
                default);
            Assert.IsType<TaskCanceledException>(aborted.Exception);
        }

        var next = await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(1), 0, default);

        Assert.IsType<BrokenCircuitException>(next.Exception);
    }

    [Fact]
    public async Task Execute_WhenTheCallerCancels_ThrowsAndTheCircuitStaysClosed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                await Breaker.ExecuteAsync<int, int>((_, _, ct) => throw new OperationCanceledException(ct), 0,
                    cancelled.Token));
        }

        Assert.Equal(1, (await Breaker.ExecuteAsync((_, _, _) => ValueTask.FromResult(1), 0, default)).Result);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private ValueTask<Outcome<RedisValue>> GetBrokenKeyAsync() =>
        Breaker.ExecuteAsync(static async (redis, key, _) => await redis.GetDatabase().StringGetAsync(key),
            (RedisKey)_brokenKey, default);
}
