namespace Cart.Tests.Fixtures;

/// <summary>For what happens on another thread or another server a moment later (a reconnect, a timer's run).</summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls <paramref name="condition"/> every 200 ms for up to 10 seconds; false if it never held.</summary>
    public static Task<bool> TrueAsync(Func<Task<bool>> condition) => TrueAsync(condition, TimeSpan.FromSeconds(10));

    /// <summary>Polls <paramref name="condition"/> every 200 ms for up to <paramref name="deadline"/>; false if it
    /// never held.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        for (var attempt = 0; attempt < deadline / Pause; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(Pause);
        }

        return false;
    }
}
