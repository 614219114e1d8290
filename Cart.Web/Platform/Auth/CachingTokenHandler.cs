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
            return remembered.ToResult();
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
    /// Only what authentication needs again: the claims as type and value, and the token's times. Not the parsed
    /// token nor the identity object, which are several times larger; the identity is rebuilt per request.
    /// </summary>
    private sealed record Remembered(
        (string Type, string Value, string ValueType)[] Claims,
        string AuthenticationType,
        string NameClaimType,
        string RoleClaimType,
        ValidatedToken Token,
        DateTimeOffset ValidUntil)
    {
        public static Remembered From(ClaimsIdentity identity, JsonWebToken jwt, DateTimeOffset validUntil) =>
            new(identity.Claims.Select(c => (c.Type, c.Value, c.ValueType)).ToArray(), identity.AuthenticationType ?? string.Empty,
                identity.NameClaimType, identity.RoleClaimType,
                new ValidatedToken(jwt.Id, jwt.Issuer, jwt.ValidFrom, jwt.ValidTo), validUntil);

        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            ClaimsIdentity = new ClaimsIdentity(Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, Token.Issuer)), AuthenticationType, NameClaimType, RoleClaimType),
            SecurityToken = Token,
        };
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
