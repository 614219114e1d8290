using System.Security.Claims;
using Cart.Web.Admin.Actions;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>Console actions run as a page runs them: through the host's <see cref="ConsoleRunner"/>.</summary>
internal static class ConsoleActionRuns
{
    public static async Task<ConsoleResult<T>> RunAsync<T>(this CartAppFactory host, ClaimsPrincipal staff,
        IConsoleAction<T> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConsoleRunner>()
            .RunAsync(action, staff, CancellationToken.None);
    }

    /// <summary>The value of an action that must succeed.</summary>
    public static async Task<T> ValueOfAsync<T>(this CartAppFactory host, ClaimsPrincipal staff,
        IConsoleAction<T> action)
    {
        var result = await host.RunAsync(staff, action);
        Assert.True(result.Succeeded, $"{result.Outcome}: {result.Message}");
        return result.Value!;
    }
}
