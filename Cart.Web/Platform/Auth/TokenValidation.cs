using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Cart.Web.Platform.Auth;

internal static class TokenValidation
{
    public static SymmetricSecurityKey KeyOf(string secret) => new(Encoding.UTF8.GetBytes(secret));

    /// <summary>
    /// The identity provider's tokens; while demo tokens are on, the demo's too (either issuer, either key: the
    /// shopper key is then the public development one, so tying each issuer to its key would protect nothing).
    /// </summary>
    public static TokenValidationParameters Shopper(AuthOptions auth, TimeProvider clock) => auth.DemoTokens.Enabled
        ? Parameters(auth, clock, [auth.Issuer, auth.DemoTokens.Issuer], [auth.SigningKey, auth.DemoTokens.SigningKey],
            CartSchemes.ShopperIdentity)
        : Parameters(auth, clock, [auth.Issuer], [auth.SigningKey], CartSchemes.ShopperIdentity);

    public static TokenValidationParameters Guest(AuthOptions auth, TimeProvider clock) =>
        Parameters(auth, clock, [auth.GuestIssuer], [auth.GuestSigningKey], CartSchemes.GuestIdentity);

    /// <summary>Token lifetime against the service's own clock (TimeProvider), with the configured skew.</summary>
    private static bool IsLive(DateTime? notBefore, DateTime? expires, TokenValidationParameters parameters,
        TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        if (expires is null || expires.Value.ToUniversalTime() <= now - skew)
        {
            return false;
        }

        return notBefore is null || notBefore.Value.ToUniversalTime() <= now + skew;
    }

    private static TokenValidationParameters Parameters(AuthOptions auth, TimeProvider clock, string[] issuers,
        string[] keys, string authenticationType) => new()
        {
            LifetimeValidator = (notBefore, expires, _, parameters) => IsLive(notBefore, expires, parameters, clock),
            ValidIssuers = issuers,
            ValidAudience = auth.Audience,
            IssuerSigningKeys = [.. keys.Select(KeyOf)],
            ValidAlgorithms = auth.Algorithms,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
            NameClaimType = CartSchemes.SubjectClaim,
            AuthenticationType = authenticationType,
        };
}
