using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Cart.Web.Admin.Actions;

/// <summary>
/// One thing the console does for a staff member: a read a page makes, or a change. The type says which policy may
/// run it (<see cref="ConsolePolicyAttribute"/>); <see cref="ConsoleRunner"/> checks the staff member, gives the
/// action a scope of its own and returns its <see cref="ConsoleResult{T}"/>.
/// </summary>
public interface IConsoleAction<T>
{
    Task<ConsoleResult<T>> RunAsync(ConsoleCall call, CancellationToken cancellationToken);
}

/// <summary>
/// An action that changes something: the runner records who did it, to what, and what came of it.
/// </summary>
public interface IConsoleChange
{
    /// <summary>What the change is made to (a cart id, a SKU, a staff account), as the log names it.</summary>
    string Target { get; }
}

/// <summary>
/// What an action runs with: the services of its own scope (a console circuit lives for hours and may run several
/// actions at once; they must not share a database context), the staff member's account as it is now, and the
/// session that asked.
/// </summary>
public sealed record ConsoleCall(IServiceProvider Services, IdentityUser Account, ClaimsPrincipal Session)
{
    public TService Get<TService>() where TService : notnull => Services.GetRequiredService<TService>();
}
