using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;

namespace Cart.Infrastructure.Resilience;

/// <summary>
/// Every retry and circuit breaker of the service, one Polly pipeline per dependency and purpose, registered here once
/// (figures from <see cref="ResilienceOptions"/>):
/// <list type="bullet">
/// <item><see cref="Redis"/>: the one circuit breaker in front of Redis. Everything that calls Redis shares it and its
/// state: the cart cache, the rate limits, and the products' FusionCache (its distributed level and backplane, whose own
/// breakers are off). While it is open nobody asks Redis, and each goes on without it.</item>
/// <item><see cref="RedisPendingWrites"/>: the retry of the cart cache writes Redis did not take when a change
/// committed; each try goes through the <see cref="Redis"/> breaker, so Redis is asked again when the breaker lets a
/// call through.</item>
/// <item><see cref="DatabaseWrites"/>: the retry of a database write that lost a race with another writer (a cart
/// change whose version moved), after a jittered pause that grows so racing writers spread out.</item>
/// <item><see cref="Startup"/>: work a host does once after it starts (the database may be away), tried until done,
/// the pause doubling from 1 second to 1 minute.</item>
/// <item><see cref="Smtp"/>: in front of the SMTP server, an optional breaker (off by default). Reminders that were
/// not sent wait for their next attempt by their own rules (<c>Reminders:RetryDelay</c>), in the database.</item>
/// </list>
/// Retries pause on the real-time clock (<see cref="RealTimeClock"/>): they space out real events and read no business
/// time, so a faked clock nobody advances does not stall them. The breakers count on the service's
/// <see cref="TimeProvider"/>. Polly's metrics (meter <c>Polly</c>, enriched by Microsoft.Extensions.Resilience) and
/// the breakers' states (<see cref="CircuitBreakerStates"/>) go to /metrics; Polly's own log is off (a line per
/// execution), each breaker logs its openings and closings itself.
/// </summary>
public static class ResiliencePipelines
{
    public const string Redis = "redis";
    public const string RedisPendingWrites = "redis-pending-writes";
    public const string DatabaseWrites = "database-writes";
    public const string Startup = "startup";
    public const string Smtp = "smtp";

    /// <summary>The key of the real-time <see cref="TimeProvider"/> retries pause on (registered beside the default
    /// one, <see cref="DependencyInjection"/>).</summary>
    public const string RealTimeClock = "real-time";

    /// <summary>Registers the pipelines, their options and their state gauge; once, however often it is called.</summary>
    public static IServiceCollection AddCartResilience(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(CircuitBreakerStates)))
        {
            return services;
        }

        services.AddOptions<ResilienceOptions>()
            .Configure<IConfiguration>(ReadFormerCacheKeys)
            .BindConfiguration(ResilienceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.AddResilienceEnricher();
        // Polly logs a line per execution; the metrics stay, the breakers log their openings and closings below.
        services.PostConfigure<TelemetryOptions>(o => o.LoggerFactory = NullLoggerFactory.Instance);
        services.AddSingleton<CircuitBreakerStates>();
        services.AddSingleton<StartupRetry>();

        services.AddResiliencePipeline(Redis, (builder, context) =>
        {
            var settings = Settings(context.ServiceProvider).Redis;
            var logger = context.ServiceProvider.GetRequiredService<ILogger<RedisCircuitBreaker>>();
            builder.AddCircuitBreaker(LoggedBreaker(
                (ex, cancellation) => DependencyFailures.IsRedisFailure(ex, cancellation),
                settings.FailureRatio, settings.MinimumThroughput, settings.SamplingDuration, settings.BreakDuration,
                context.ServiceProvider.GetRequiredService<CircuitBreakerStates>().Redis,
                (ex, breakDuration) => logger.LogWarning(ex,
                    "Redis failed; the cart cache and the rate limits leave it alone for {BreakDuration}",
                    breakDuration),
                () => logger.LogInformation("Redis answers again; the cart cache and the rate limits use it again")));
        });

        services.AddResiliencePipeline(RedisPendingWrites, (builder, context) =>
        {
            builder.TimeProvider = RealTime(context.ServiceProvider);
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisUnavailableException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = Settings(context.ServiceProvider).Redis.PendingWritesRetryDelay,
            });
        });

        services.AddResiliencePipeline<string, object?>(DatabaseWrites, (builder, context) =>
        {
            var settings = Settings(context.ServiceProvider).CartWrites;
            builder.TimeProvider = RealTime(context.ServiceProvider);
            builder.AddRetry(new RetryStrategyOptions<object?>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                ShouldHandle = new PredicateBuilder<object?>()
                    .Handle<WriteRaceLostException>()
                    .HandleResult(response => response is null),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.FirstDelay,
                MaxDelay = settings.MaxDelay,
                // A null answer: the commit failed and a read-back showed nothing committed; no one to spread from.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is null ? TimeSpan.Zero : null),
            });
        });

        services.AddResiliencePipeline(Startup, (builder, context) =>
        {
            var settings = Settings(context.ServiceProvider).Startup;
            builder.TimeProvider = RealTime(context.ServiceProvider);
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = settings.FirstPause,
                MaxDelay = settings.LongestPause,
                OnRetry = args =>
                {
                    args.Context.Properties.GetValue(StartupRetry.Failed, static (_, _) => { })(
                        args.Outcome.Exception!, args.RetryDelay);
                    return default;
                },
            });
        });

        services.AddResiliencePipeline(Smtp, (builder, context) =>
        {
            var settings = Settings(context.ServiceProvider).Smtp;
            if (!settings.IsOn)
            {
                return;
            }

            var logger = context.ServiceProvider.GetRequiredService<ILogger<ResilienceOptions>>();
            // Every failure counts: the breaker opens after FailuresToBreak failures in a row within the window.
            builder.AddCircuitBreaker(LoggedBreaker(
                (ex, _) => DependencyFailures.IsSmtpSessionFailure(ex),
                1.0, settings.FailuresToBreak, settings.SamplingDuration, settings.BreakDuration,
                context.ServiceProvider.GetRequiredService<CircuitBreakerStates>().Smtp,
                (ex, breakDuration) => logger.LogWarning(ex,
                    "The SMTP server could not be reached; reminders are not tried for {BreakDuration}",
                    breakDuration),
                () => logger.LogInformation("The SMTP server answers again; reminders are sent again")));
        });
        return services;
    }

    /// <summary>
    /// A breaker on the failures <paramref name="isFailure"/> recognises, its state kept in <paramref name="state"/>,
    /// that logs its openings and closings itself (Polly's own log is off).
    /// </summary>
    private static CircuitBreakerStrategyOptions LoggedBreaker(Func<Exception, CancellationToken, bool> isFailure,
        double failureRatio, int minimumThroughput, TimeSpan samplingDuration, TimeSpan breakDuration,
        CircuitBreakerStateProvider state, Action<Exception?, TimeSpan> opened, Action closed) => new()
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                && isFailure(ex, args.Context.CancellationToken)),
            FailureRatio = failureRatio,
            MinimumThroughput = minimumThroughput,
            SamplingDuration = samplingDuration,
            BreakDuration = breakDuration,
            StateProvider = state,
            OnOpened = args =>
            {
                opened(args.Outcome.Exception, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                closed();
                return default;
            },
        };

    private static ResilienceOptions Settings(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ResilienceOptions>>().Value;

    private static TimeProvider RealTime(IServiceProvider services) =>
        services.GetRequiredKeyedService<TimeProvider>(RealTimeClock);

    /// <summary>
    /// The Redis breaker's figures were once <c>Cache:CircuitBreaker*</c>; a deployment that still sets them keeps its
    /// figures (<c>Resilience:Redis</c> wins where both are set).
    /// </summary>
    private static void ReadFormerCacheKeys(ResilienceOptions options, IConfiguration configuration)
    {
        var cache = configuration.GetSection("Cache");
        var redis = options.Redis;
        redis.BreakDuration = cache.GetValue("CircuitBreakerDuration", redis.BreakDuration);
        redis.FailureRatio = cache.GetValue("CircuitBreakerFailureRatio", redis.FailureRatio);
        redis.MinimumThroughput = cache.GetValue("CircuitBreakerMinimumThroughput", redis.MinimumThroughput);
        redis.SamplingDuration = cache.GetValue("CircuitBreakerSamplingDuration", redis.SamplingDuration);
    }
}
