using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin;

/// <summary>
/// The account settings of <see cref="AdminOptions"/> that must stop the start rather than fail later in the
/// background: the bootstrap admin's password, judged by the same Identity password validators as every other
/// password (a refused one would leave the console without an admin, retried for ever), and the demo accounts' known
/// password, which only Development may have.
/// </summary>
internal sealed class StaffAccountRules(IHostEnvironment environment, IServiceScopeFactory scopes)
    : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.DevelopmentPassword) && !environment.IsDevelopment())
        {
            failures.Add("Admin:DevelopmentPassword is set outside Development. Demo staff accounts are for trying " +
                         "the console out; a deployment creates its first admin with Admin:BootstrapEmail and " +
                         "Admin:BootstrapPassword.");
        }

        if (!string.IsNullOrEmpty(options.BootstrapPassword))
        {
            failures.AddRange(PasswordProblems(options.BootstrapEmail ?? string.Empty, options.BootstrapPassword)
                .Select(problem => $"Admin:BootstrapPassword is refused: {problem}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What Identity's password validators say of <paramref name="password"/>. They read only the options
    /// and the user in memory (the database is not touched), so they complete at once.</summary>
    private List<string> PasswordProblems(string email, string password)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email };
        return users.PasswordValidators
            .Select(validator => validator.ValidateAsync(users, user, password).GetAwaiter().GetResult())
            .SelectMany(result => result.Errors.Select(e => e.Description))
            .ToList();
    }
}
