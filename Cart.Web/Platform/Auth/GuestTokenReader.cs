using Cart.Domain.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cart.Web.Platform.Auth;

/// <summary>Validates a guest token handed over in a body (the merge at login) exactly as the Guest scheme would.</summary>
internal sealed class GuestTokenReader(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The guest session id the token proves, or null when it is not a valid guest token.</summary>
    public async Task<string?> ReadSessionIdAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, TokenValidation.Guest(options.Value, clock));
        if (!result.IsValid)
        {
            return null;
        }

        var subject = result.ClaimsIdentity.FindFirst(CartSchemes.SubjectClaim)?.Value;
        return subject is not null && subject.StartsWith(Domain.Common.CartOwner.GuestIdPrefix, StringComparison.Ordinal)
            ? subject
            : null;
    }
}
