using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cart.Web.Platform.Auth;

/// <summary>
/// Remembers tokens it has already validated, until they expire (at most a few minutes). A shopper's app sends the
/// same token with every request, about a hundred reads to each write; parsing, checking the signature and building
/// the identity again each time was most of a cart read's cost. Only exact, valid tokens are remembered, and a
/// remembered one is still refused the moment it expires.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "One per authentication scheme, living as long as the process.")]
internal sealed class CachingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    private const int MaxTokens = 20_000;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token,
        TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (_validated.TryGetValue(token, out Remembered? remembered) && remembered!.ValidUntil > now)
        {
            return remembered.Result;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            // Valid for as long as the check just made would pass: until expiry plus the allowed clock skew.
            var validUntil = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc))
                             + validationParameters.ClockSkew;
            var keepFor = (validUntil < now + MaxAge ? validUntil : now + MaxAge) - now;
            if (keepFor > TimeSpan.Zero)
            {
                _validated.Set(token, Remembered.From(result.ClaimsIdentity, jwt, validUntil),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = keepFor });
            }
        }

        return result;
    }

    /// <summary>
    /// Only what authentication needs again: a compact copy of the identity (claims as type, value and issuer, none of
    /// the parsed token behind them) and the token's times. The identity is shared by the requests that carry the
    /// token; nothing in the service changes an identity after authentication.
    /// </summary>
    private sealed record Remembered(TokenValidationResult Result, DateTimeOffset ValidUntil)
    {
        public static Remembered From(ClaimsIdentity identity, JsonWebToken jwt, DateTimeOffset validUntil)
        {
            var compact = new ClaimsIdentity(
                identity.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer)).ToArray(),
                identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
            var result = new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = compact,
                SecurityToken = new ValidatedToken(jwt.Id, jwt.Issuer, jwt.ValidFrom, jwt.ValidTo),
            };
            return new Remembered(result, validUntil);
        }
    }

    /// <summary>What is kept of a validated token: its id, issuer and validity times.</summary>
    private sealed class ValidatedToken(string id, string issuer, DateTime validFrom, DateTime validTo) : SecurityToken
    {
        public override string Id { get; } = id;

        public override string Issuer { get; } = issuer;

        public override SecurityKey? SecurityKey => null;

        public override SecurityKey? SigningKey { get; set; }

        public override DateTime ValidFrom { get; } = validFrom;

        public override DateTime ValidTo { get; } = validTo;
    }
}
