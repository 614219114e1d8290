using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using Cart.Infrastructure.Persistence;
using Cart.Web.Admin.Staff;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Admin.Actions;

/// <summary>
/// Runs every console action, pages' reads and changes alike, the one way: the action's declared policy (none
/// declared: refused), the staff member as their account is now (<see cref="StaffStanding"/>: a tab left open after
/// they were disabled, signed out or lost the role runs nothing), a scope of its own, one result type, and a log entry
/// per change saying who did what to what and how it ended.
/// </summary>
public sealed partial class ConsoleRunner(IServiceScopeFactory scopes, StaffStanding standing,
    ILogger<ConsoleRunner> logger)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> PoliciesByType = new();

    /// <summary>The policies <paramref name="action"/> declares; empty when it declares none (it never runs).</summary>
    public static IReadOnlyList<string> PoliciesOf(Type action) =>
        PoliciesByType.GetOrAdd(action, t => t.GetCustomAttribute<ConsolePolicyAttribute>()?.Policies ?? []);

    /// <summary>Runs <paramref name="action"/> for <paramref name="session"/> in a scope of its own.</summary>
    public Task<ConsoleResult<T>> RunAsync<T>(IConsoleAction<T> action, ClaimsPrincipal session,
        CancellationToken cancellationToken) =>
        RunAsync(action, session, services: null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync{T}(IConsoleAction{T}, ClaimsPrincipal, CancellationToken)"/>, in the request's scope:
    /// for an endpoint whose answer streams after the action returns (the scope must outlive the action).
    /// </summary>
    public async Task<ConsoleResult<T>> RunInRequestAsync<T>(IConsoleAction<T> action, HttpContext request) =>
        await RunAsync(action, request.User, request.RequestServices, request.RequestAborted);

    private async Task<ConsoleResult<T>> RunAsync<T>(IConsoleAction<T> action, ClaimsPrincipal session,
        IServiceProvider? services, CancellationToken cancellationToken)
    {
        var name = action.GetType().Name;
        var policies = PoliciesOf(action.GetType());
        if (policies.Count == 0)
        {
            LogUndeclared(logger, name);
            return Recorded(action, session, ConsoleResult<T>.Refused(
                "This console action declares no staff policy, so it does not run; nothing was done."));
        }

        if (await standing.AccountMeetingAnyAsync(session, [.. policies]) is not { } account)
        {
            return Recorded(action, session, ConsoleResult<T>.Refused(RefusalFor(policies[0])));
        }

        AsyncServiceScope? owned = services is null ? scopes.CreateAsyncScope() : null;
        var call = new ConsoleCall(owned?.ServiceProvider ?? services!, account, session);
        ConsoleResult<T> result;
        try
        {
            result = await action.RunAsync(call, cancellationToken);
        }
        catch (Exception e) when (e is RetryLaterException or CommitOutcomeUnknownException)
        {
            LogBusy(logger, e, name);
            result = ConsoleResult<T>.Unavailable("The data is busy just now; reload and try again.");
        }
        catch (Exception e) when (action is IConsoleChange change && e is not OperationCanceledException)
        {
            LogChange(logger, account.Id, account.Email, name, change.Target, "Failed");
            throw;
        }
        finally
        {
            if (owned is { } scope)
            {
                await scope.DisposeAsync();
            }
        }

        if (action is IConsoleChange done)
        {
            LogChange(logger, account.Id, account.Email, name, done.Target, result.Outcome.ToString());
        }

        return result;
    }

    /// <summary>A change refused before it ran is recorded too: who tried what.</summary>
    private ConsoleResult<T> Recorded<T>(IConsoleAction<T> action, ClaimsPrincipal session, ConsoleResult<T> refused)
    {
        if (action is IConsoleChange change)
        {
            LogChange(logger, session.FindFirstValue(ClaimTypes.NameIdentifier), session.Identity?.Name,
                action.GetType().Name, change.Target, refused.Outcome.ToString());
        }

        return refused;
    }

    /// <summary>What a staff member refused is told, by the part of the console they were refused.</summary>
    public static string RefusalFor(string policy) => policy switch
    {
        StaffRoles.SupportPolicy =>
            "Only support staff and admins can fix carts. If your account was changed, sign in again.",
        StaffRoles.MerchandisingPolicy =>
            "Only merchandisers and admins may see or change holds and products. If your account was changed, sign in again.",
        StaffRoles.AdminPolicy => "Only admins may manage staff accounts. If your account was changed, sign in again.",
        _ => "Your account may not do this. If your account was changed, sign in again.",
    };

    [LoggerMessage(LogLevel.Information,
        "Console change {Action} on {Target} by staff {StaffId} ({Staff}): {Outcome}")]
    private static partial void LogChange(ILogger logger, string? staffId, string? staff, string action, string target,
        string outcome);

    [LoggerMessage(LogLevel.Error, "Console action {Action} declares no staff policy; refused")]
    private static partial void LogUndeclared(ILogger logger, string action);

    [LoggerMessage(LogLevel.Warning, "Console action {Action} could not be run now")]
    private static partial void LogBusy(ILogger logger, Exception e, string action);
}
