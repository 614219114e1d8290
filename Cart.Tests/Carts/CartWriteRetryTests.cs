using Cart.Infrastructure.Resilience;
using Cart.Tests.Fixtures;
using Cart.Web.Carts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Carts;

/// <summary>The write path's retry: what it retries, how it waits, and what it throws when attempts run out.</summary>
public sealed class CartWriteRetryTests
{
    // Longer than any pause the retry takes (its MaxDelay), so each step of the fake clock releases one pause.
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    // Only guards against a hang; the tests never depend on how long anything takes.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly CartDocument Document =
        new(null, new CartOwnerDocument("user", "u1"), null, 0, [], 0, 0m, null);

    [Fact]
    public async Task ExecuteAsync_WhenARaceIsLost_WaitsOnTheClockThenTriesAgain()
    {
        var clock = new FakeTimeProvider();
        var attempts = 0;
        var retry = RetryOn(clock);

        var write = retry.ExecuteAsync(_ => ++attempts == 1
            ? ValueTask.FromException<CartDocument?>(LostRace())
            : ValueTask.FromResult<CartDocument?>(Document), CancellationToken.None);

        Assert.False(write.IsCompleted); // the backoff waits on the clock, which has not moved
        Assert.Equal(1, attempts);
        Assert.Same(Document, await AdvanceUntilDoneAsync(clock, write));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_WhenEveryAttemptLosesItsRace_ThrowsCartBusyAfterTenAttempts()
    {
        var clock = new FakeTimeProvider();
        var attempts = 0;
        var retry = RetryOn(clock);

        var write = retry.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromException<CartDocument?>(LostRace());
        }, CancellationToken.None);

        await Assert.ThrowsAsync<CartBusyException>(() => AdvanceUntilDoneAsync(clock, write));
        Assert.Equal(new ResilienceOptions().CartWrites.MaxAttempts, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_WhenNothingWasCommitted_TriesAgainAtOnce()
    {
        var clock = new FakeTimeProvider(); // never advanced: a pause would never end
        var attempts = 0;
        var retry = RetryOn(clock);

        var document = await retry.ExecuteAsync(_ => ValueTask.FromResult(++attempts < 3 ? null : Document),
            CancellationToken.None).WaitAsync(Deadline);

        Assert.Same(Document, document);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_WhenNothingIsEverCommitted_ThrowsCartBusyAfterTenAttempts()
    {
        var attempts = 0;
        var retry = RetryOn(new FakeTimeProvider());

        await Assert.ThrowsAsync<CartBusyException>(() => retry.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult<CartDocument?>(null);
        }, CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(new ResilienceOptions().CartWrites.MaxAttempts, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_WhenAttemptFailsOtherwise_ThrowsThatFailureWithoutRetrying()
    {
        var attempts = 0;
        var retry = RetryOn(new FakeTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(() => retry.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromException<CartDocument?>(new InvalidOperationException());
        }, CancellationToken.None));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_WhenMaxAttemptsIsConfigured_ThrowsCartBusyAfterThatMany()
    {
        var attempts = 0;
        var retry = RetryOn(new FakeTimeProvider(), ("Resilience:CartWrites:MaxAttempts", "3"));

        await Assert.ThrowsAsync<CartBusyException>(() => retry.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult<CartDocument?>(null);
        }, CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(3, attempts);
    }

    /// <summary>The retry as the host registers it, its pauses on <paramref name="clock"/>.</summary>
    private static CartWriteRetry RetryOn(TimeProvider clock, params (string Key, string Value)[] settings)
        => TestResilience.Services(clock, settings, services => services.AddSingleton<CartWriteRetry>())
            .GetRequiredService<CartWriteRetry>();

    private static CartRaceLostException LostRace() => new(new InvalidOperationException("version moved"));

    /// <summary>
    /// Moves the fake clock on until <paramref name="write"/> finishes. A pause may start just after a step, so the
    /// clock keeps stepping (polling, with a deadline) rather than stepping once per expected pause.
    /// </summary>
    private static async Task<T> AdvanceUntilDoneAsync<T>(FakeTimeProvider clock, Task<T> write)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!write.IsCompleted)
        {
            deadline.Token.ThrowIfCancellationRequested();
            clock.Advance(Step);
            await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(5), deadline.Token));
        }

        return await write;
    }
}
