using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Staff;

/// <summary>
/// The account setting of <see cref="AdminOptions"/> that must stop the start: the demo accounts' known password,
/// which only Development may have. The bootstrap admin's password is judged by Identity's own validators, which need
/// a <c>UserManager</c> whose token providers read these very options, so it is checked once the options are built
/// (<see cref="BootstrapPasswordCheck"/>), not while they are.
/// </summary>
internal sealed class StaffAccountRules(IHostEnvironment environment) : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        !string.IsNullOrEmpty(options.DevelopmentPassword) && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                "Admin:DevelopmentPassword is set outside Development. Demo staff accounts are for trying the console " +
                "out; a deployment creates its first admin with Admin:BootstrapEmail and Admin:BootstrapPassword.")
            : ValidateOptionsResult.Success;
}
