namespace Cart.Tests.Fixtures;

/// <summary>For what happens on another thread or another server a moment later (a reconnect, a timer's run).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 200 ms for up to 10 seconds; false if it never held.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
