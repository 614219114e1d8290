using Cart.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Auth;

/// <summary>
/// The keys of <see cref="AuthOptions"/> (<see cref="SigningKeyRules"/>: set, long enough for the strongest algorithm
/// allowed, none of the committed development keys outside Development), and demo tokens, which mint a token for any
/// user id a caller names, only in Development.
/// </summary>
internal sealed class AuthKeyRules(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        // Every key verifies tokens of every allowed algorithm, so each must be long enough for the strongest.
        var minBytes = options.Algorithms.Select(SigningKeyRules.MinBytesFor).DefaultIfEmpty(32).Max();
        var problems = new List<string?>
        {
            SigningKeyRules.Problem("Auth:SigningKey", options.SigningKey, minBytes, environment),
            SigningKeyRules.Problem("Auth:GuestSigningKey", options.GuestSigningKey, minBytes, environment),
        };
        if (options.DemoTokens.Enabled)
        {
            problems.Add(environment.IsDevelopment()
                ? SigningKeyRules.Problem("Auth:DemoTokens:SigningKey", options.DemoTokens.SigningKey, minBytes,
                    environment)
                : $"Auth:DemoTokens:Enabled is on in {environment.EnvironmentName}. Demo tokens let anyone sign in as " +
                  "any shopper; they are for Development only: turn Auth:DemoTokens:Enabled off.");
        }

        var failures = problems.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
