using System.Security.Claims;
using Cart.Domain.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cart.Web.Platform.Auth;

/// <summary>Signs the tokens this service hands out: guest tokens, and demo shopper tokens while those are on.</summary>
internal sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan DemoTokenLifetime = TimeSpan.FromHours(12);
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken IssueGuest()
    {
        var auth = options.Value;
        var sessionId = CartOwner.GuestIdPrefix + Ulid.NewUlid(clock.GetUtcNow());
        return Issue(auth.GuestIssuer, auth.GuestSigningKey, auth.GuestTokenLifetime,
            [new Claim(CartSchemes.SubjectClaim, sessionId)], sessionId);
    }

    /// <summary>A shopper token signed with the demo key, which only a service with demo tokens on accepts.</summary>
    public IssuedToken IssueDemoShopper(string userId, string? email)
    {
        var demo = options.Value.DemoTokens;
        if (!demo.Enabled)
        {
            throw new InvalidOperationException("Demo tokens are off (Auth:DemoTokens:Enabled).");
        }

        var claims = new List<Claim> { new(CartSchemes.SubjectClaim, userId) };
        if (!string.IsNullOrWhiteSpace(email))
        {
            claims.Add(new Claim(CartSchemes.EmailClaim, email));
        }

        return Issue(demo.Issuer, demo.SigningKey, DemoTokenLifetime, claims, userId);
    }

    private IssuedToken Issue(string issuer, string key, TimeSpan lifetime, IEnumerable<Claim> claims, string subject)
    {
        var auth = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(TokenValidation.KeyOf(key), auth.Algorithms[0]),
        });
        return new IssuedToken(token, subject, expires);
    }
}

internal sealed record IssuedToken(string Token, string Subject, DateTimeOffset ExpiresAt);
