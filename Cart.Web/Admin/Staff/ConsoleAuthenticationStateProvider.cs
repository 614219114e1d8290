using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Staff;

/// <summary>
/// The console circuit's user, checked again every <see cref="AdminOptions.RecheckInterval"/> (as the cookie is): once
/// the staff member is signed out elsewhere, disabled or given other roles (<see cref="StaffStanding"/>), an open tab
/// loses its pages, which then say so, as a new tab would.
/// </summary>
internal sealed class ConsoleAuthenticationStateProvider(
    ILoggerFactory loggers,
    IServiceScopeFactory scopes,
    IOptions<AdminOptions> options) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.RecheckInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffStanding>()
            .SessionStillValidAsync(authenticationState.User);
    }
}
