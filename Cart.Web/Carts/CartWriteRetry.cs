using Cart.Infrastructure.Resilience;
using Polly;

namespace Cart.Web.Carts;

/// <summary>
/// How often, and after how long, a cart change is tried again (<see cref="ResiliencePipelines.DatabaseWrites"/>,
/// <c>Resilience:CartWrites</c>): when another writer committed first (the attempt threw
/// <see cref="CartRaceLostException"/>), after an exponential, jittered pause so that racing writers spread out; when
/// the commit failed and a read-back showed nothing was committed (the attempt returned null), at once. The pauses wait
/// on the real-time clock even where the service's clock is faked: they space out real database races and read no
/// business time.
/// </summary>
internal sealed class CartWriteRetry(
    [FromKeyedServices(ResiliencePipelines.DatabaseWrites)] ResiliencePipeline<object?> pipeline)
{
    /// <summary>
    /// Runs <paramref name="attempt"/> until it returns a response; throws <see cref="CartBusyException"/> when
    /// <c>Resilience:CartWrites:MaxAttempts</c> attempts all lost their race or failed to commit.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T?>> attempt,
        CancellationToken cancellationToken) where T : class
    {
        try
        {
            var response = await pipeline.ExecuteAsync(
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
    : WriteRaceLostException("Another writer changed the cart first.", inner);
