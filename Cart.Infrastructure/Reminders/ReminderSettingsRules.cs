using Cart.Infrastructure.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// The settings of <see cref="RemindersOptions"/> whose rule depends on the environment: the link key
/// (<see cref="SigningKeyRules"/>), and the public address, which only Development may leave to the address the service
/// listens on.
/// </summary>
internal sealed class ReminderSettingsRules(IHostEnvironment environment) : IValidateOptions<RemindersOptions>
{
    public ValidateOptionsResult Validate(string? name, RemindersOptions options)
    {
        var failures = new List<string>();
        if (SigningKeyRules.Problem("Reminders:LinkSigningKey", options.LinkSigningKey, RemindersOptions.MinKeyBytes,
                environment) is { } key)
        {
            failures.Add(key);
        }

        if (options.PublicBaseUrl is null && !environment.IsDevelopment())
        {
            failures.Add("Reminders:PublicBaseUrl is not set: the links in the emails the service sends (reminders, " +
                         "console invitations) point at it. Set this service's public address, such as " +
                         "https://cart.example.com.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
