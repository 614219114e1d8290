using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

// Each variant guards a call that completes at once (a no-op ValueTask<int>), so what is measured is the guard alone.
// A cart read's Redis GET takes about 100 µs on loopback; compare the figures with that.
const int Iterations = 10_000_000;
const int Rounds = 5;

var handWritten = new HandWrittenBreaker();
handWritten.Trip(TimeSpan.Zero); // tripped once and closed again: each check then also reads the tick count
var polly = new ResiliencePipelineBuilder()
    .AddCircuitBreaker(new CircuitBreakerStrategyOptions
    {
        ShouldHandle = new PredicateBuilder().Handle<TimeoutException>(),
        FailureRatio = 0.01,
        MinimumThroughput = 2,
        SamplingDuration = TimeSpan.FromSeconds(5),
        BreakDuration = TimeSpan.FromSeconds(2),
    })
    .Build();
// The service's settings (RedisCircuitBreaker), built as Polly.Core builds it, and as Polly.Extensions'
// AddResiliencePipeline builds it: with telemetry, which reports every execution (with its log off, the reports go
// nowhere, but they are made).
var withoutTelemetry = ServiceBreaker(new ResiliencePipelineBuilder());
var withTelemetry = ServiceBreaker(new ResiliencePipelineBuilder().ConfigureTelemetry(NullLoggerFactory.Instance));

Console.WriteLine($"{Iterations:N0} calls per round, best of {Rounds} rounds; .NET {Environment.Version}");
Report("no guard", () => Bare(Iterations));
Report("hand-written check", () => Guarded(handWritten, Iterations));
Report("Polly circuit breaker", () => ThroughPolly(polly, Iterations));
Report("Polly, pooled context", () => ThroughPollyPooled(polly, Iterations));
Report("Polly, outcomes", () => WithOutcomes(withoutTelemetry, Iterations));
Report("Polly, outcomes, telemetry", () => WithOutcomes(withTelemetry, Iterations));
return;

static void Report(string name, Func<ValueTask<long>> run)
{
    run().AsTask().GetAwaiter().GetResult(); // warm up: JIT tiers, Polly's pools
    var best = double.MaxValue;
    var bytes = 0L;
    for (var round = 0; round < Rounds; round++)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        run().AsTask().GetAwaiter().GetResult();
        var elapsed = Stopwatch.GetElapsedTime(started);
        bytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        best = Math.Min(best, elapsed.TotalNanoseconds / Iterations);
    }

    Console.WriteLine($"{name,-28} {best,8:F1} ns/call {(double)bytes / Iterations,8:F2} B/call");
}

static async ValueTask<long> Bare(int n)
{
    long sum = 0;
    for (var i = 0; i < n; i++)
    {
        sum += await NoOp();
    }

    return sum;
}

static async ValueTask<long> Guarded(HandWrittenBreaker breaker, int n)
{
    long sum = 0;
    for (var i = 0; i < n; i++)
    {
        breaker.EnsureAvailable();
        sum += await NoOp();
    }

    return sum;
}

static async ValueTask<long> ThroughPolly(ResiliencePipeline pipeline, int n)
{
    long sum = 0;
    for (var i = 0; i < n; i++)
    {
        sum += await pipeline.ExecuteAsync(static _ => NoOp(), CancellationToken.None);
    }

    return sum;
}

// The allocation-free form Polly documents: a pooled ResilienceContext and a static callback.
static async ValueTask<long> ThroughPollyPooled(ResiliencePipeline pipeline, int n)
{
    long sum = 0;
    for (var i = 0; i < n; i++)
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        try
        {
            sum += await pipeline.ExecuteAsync(static (_, _) => NoOp(), context, 0);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    return sum;
}

// What RedisCircuitBreaker.ExecuteAsync does: a pooled context, outcomes instead of exceptions, state in a tuple.
static async ValueTask<long> WithOutcomes(ResiliencePipeline pipeline, int n)
{
    long sum = 0;
    for (var i = 0; i < n; i++)
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(static async (_, state) =>
            {
                try
                {
                    return Outcome.FromResult(await state.Call());
                }
                catch (Exception ex)
                {
                    return Outcome.FromException<int>(ex);
                }
            }, context, (Call: (Func<ValueTask<int>>)NoOp, State: 0));
            sum += outcome.Result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    return sum;
}

static ValueTask<int> NoOp() => ValueTask.FromResult(1);

static ResiliencePipeline ServiceBreaker(ResiliencePipelineBuilder builder) => builder
    .AddCircuitBreaker(new CircuitBreakerStrategyOptions
    {
        ShouldHandle = new PredicateBuilder().Handle<TimeoutException>(),
        FailureRatio = 0.1,
        MinimumThroughput = 2,
        SamplingDuration = TimeSpan.FromSeconds(2),
        BreakDuration = TimeSpan.FromSeconds(5),
    })
    .Build();

/// <summary>The check RedisVersionedStore made before each call, until Polly's breaker replaced it.</summary>
internal sealed class HandWrittenBreaker
{
    private long _closedAtTicks;

    public void EnsureAvailable()
    {
        var closedAt = Interlocked.Read(ref _closedAtTicks);
        if (closedAt != 0 && Environment.TickCount64 < closedAt)
        {
            throw new InvalidOperationException("open");
        }
    }

    public void Trip(TimeSpan breakDuration) =>
        Interlocked.Exchange(ref _closedAtTicks, Environment.TickCount64 + (long)breakDuration.TotalMilliseconds);
}
