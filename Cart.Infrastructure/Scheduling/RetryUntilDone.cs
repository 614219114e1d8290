namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Work a host does once after it starts and must not hold the start up for (the database may be away): tried until it
/// succeeds or the host stops, with a pause that doubles from 1 second up to 1 minute.
/// </summary>
public static class RetryUntilDone
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    /// <param name="failed">Told of each failure and the pause before the next try.</param>
    public static async Task RunAsync(Func<Task> work, Action<Exception, TimeSpan> failed, TimeProvider clock,
        CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await work().WaitAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e, pause);
            }

            await Task.Delay(pause, clock, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}
