using Cart.Infrastructure.Resilience;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Jobs;

/// <summary>The retry of a host's start-up work, as the host registers it, on a fake real-time clock.</summary>
public sealed class StartupRetryTests
{
    // Only guards against a hang; the tests never depend on how long anything takes.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_WhenTheWorkFailsOverAndOver_PausesDoublingFromOneSecondToOneMinute()
    {
        var clock = new FakeTimeProvider();
        var pauses = new List<TimeSpan>();
        var retry = RetryOn(clock);

        var run = retry.RunAsync(() => pauses.Count < 8 ? throw new InvalidOperationException("database away")
            : Task.CompletedTask, (_, pause) => pauses.Add(pause), CancellationToken.None);
        await AdvanceUntilDoneAsync(clock, run);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], pauses.Select(p => p.TotalSeconds));
    }

    [Fact]
    public async Task RunAsync_WhenThePausesAreConfigured_UsesThem()
    {
        var clock = new FakeTimeProvider();
        var pauses = new List<TimeSpan>();
        var retry = RetryOn(clock, ("Resilience:Startup:FirstPause", "00:00:05"),
            ("Resilience:Startup:LongestPause", "00:00:12"));

        var run = retry.RunAsync(() => pauses.Count < 3 ? throw new InvalidOperationException("database away")
            : Task.CompletedTask, (_, pause) => pauses.Add(pause), CancellationToken.None);
        await AdvanceUntilDoneAsync(clock, run);

        Assert.Equal([5, 10, 12], pauses.Select(p => p.TotalSeconds));
    }

    [Fact]
    public async Task RunAsync_WhenTheHostStops_EndsWithoutAnotherTry()
    {
        var clock = new FakeTimeProvider();
        using var stopping = new CancellationTokenSource();
        var tries = 0;
        var retry = RetryOn(clock);

        var run = retry.RunAsync(() =>
        {
            tries++;
            throw new InvalidOperationException("database away");
        }, (_, _) => stopping.Cancel(), stopping.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Deadline));
        Assert.Equal(1, tries);
    }

    private static StartupRetry RetryOn(TimeProvider clock, params (string Key, string Value)[] settings)
        => TestResilience.Services(clock, settings).GetRequiredService<StartupRetry>();

    private static async Task AdvanceUntilDoneAsync(FakeTimeProvider clock, Task run)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!run.IsCompleted)
        {
            deadline.Token.ThrowIfCancellationRequested();
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(1), deadline.Token));
        }

        await run;
    }
}
