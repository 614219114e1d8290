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
                _validated.Set(token, new Remembered(result, validUntil),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = keepFor });
            }
        }

        return result;
    }

    private sealed record Remembered(TokenValidationResult Result, DateTimeOffset ValidUntil);
}
