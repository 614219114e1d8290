using Polly;
using Polly.Retry;

namespace Cart.Web.Carts;

/// <summary>
/// How often, and after how long, a cart change is tried again: when another writer committed first (the attempt
/// threw <see cref="CartRaceLostException"/>), after an exponential, jittered pause so that racing writers spread out;
/// when the commit failed and a read-back showed nothing was committed (the attempt returned null), at once. Built once
/// and shared: the pipeline holds no per-call state.
/// </summary>
internal sealed class CartWriteRetry
{
    public const int MaxAttempts = 10;

    private readonly ResiliencePipeline<object?> _pipeline;

    /// <param name="waits">
    /// What the pauses wait on. The pauses space out real database races and read no business time, so the host gives
    /// the system timer here even where the service's clock is faked (a fake clock nobody advances would stall a retry
    /// for ever); a test of the backoff itself gives a fake one.
    /// </param>
    public CartWriteRetry(TimeProvider waits)
    {
        _pipeline = new ResiliencePipelineBuilder<object?> { TimeProvider = waits }
            .AddRetry(new RetryStrategyOptions<object?>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = new PredicateBuilder<object?>()
                    .Handle<CartRaceLostException>()
                    .HandleResult(response => response is null),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(200),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is null ? TimeSpan.Zero : null),
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it returns a response; throws <see cref="CartBusyException"/> when
    /// <see cref="MaxAttempts"/> attempts all lost their race or failed to commit.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T?>> attempt,
        CancellationToken cancellationToken) where T : class
    {
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async (a, token) => (object?)await a(token), attempt, cancellationToken);
            return response as T ?? throw new CartBusyException();
        }
        catch (CartRaceLostException)
        {
            throw new CartBusyException();
        }
    }
}

/// <summary>Another writer committed a change to the same cart first; the attempt starts again on fresh state.</summary>
internal sealed class CartRaceLostException(Exception inner)
    : Exception("Another writer changed the cart first.", inner);
