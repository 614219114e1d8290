using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Staff;

/// <summary>
/// Stops the start when Identity's password validators refuse <see cref="AdminOptions.BootstrapPassword"/>: the
/// background setup (<see cref="StaffAccountsSetup"/>) would otherwise retry for ever and leave the console without an
/// admin. Runs as the host starts, before the setup, once the options have been validated; the validators read only
/// the options and the user in memory, so the database is not touched.
/// </summary>
internal sealed class BootstrapPasswordCheck(IOptions<AdminOptions> options, IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value is not { BootstrapPassword: { Length: > 0 } password } admin)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var email = admin.BootstrapEmail ?? string.Empty;
        var user = new IdentityUser { UserName = email, Email = email };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => $"Admin:BootstrapPassword is refused: {e.Description}"));
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AdminOptions.SectionName, typeof(AdminOptions), problems);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
