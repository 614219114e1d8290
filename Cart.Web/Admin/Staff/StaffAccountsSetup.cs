using Cart.Infrastructure.Resilience;

namespace Cart.Web.Admin.Staff;

/// <summary>
/// Prepares the staff accounts (<see cref="StaffAccounts"/>) once the host has started, without holding the start up:
/// an instance whose database is away still comes up, serves carts from the cache and reports its health. While the
/// database refuses, it tries again with a growing pause. Settings that could never succeed (a bootstrap password
/// Identity refuses) stop the start before this runs (<see cref="StaffAccountRules"/>, <see cref="BootstrapPasswordCheck"/>).
/// </summary>
internal sealed partial class StaffAccountsSetup(
    IServiceScopeFactory scopes,
    StartupRetry retry,
    ILogger<StaffAccountsSetup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        retry.RunAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().PrepareAsync();
        }, (e, pause) => LogRetrying(logger, e, pause), stoppingToken);

    [LoggerMessage(LogLevel.Warning, "Could not prepare the console's staff accounts; trying again in {Pause}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, TimeSpan pause);
}
