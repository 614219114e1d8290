using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cart.Tests.Fixtures;

/// <summary>The auth settings the test hosts run with, and tokens signed (or mis-signed) against them.</summary>
public static class TestAuth
{
    public const string Issuer = "https://id.test.cart";
    public const string Audience = "cart-api-tests";
    public const string SigningKey = "test-shopper-signing-key-0123456789-abcdefghij";
    public const string GuestIssuer = "cart-guest-tests";
    public const string GuestSigningKey = "test-guest-signing-key-0123456789-abcdefghijkl";

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:GuestIssuer"] = GuestIssuer,
        ["Auth:GuestSigningKey"] = GuestSigningKey,
        ["Auth:Algorithms:0"] = "HS256",
        ["Auth:ClockSkewSeconds"] = "30",
        // Development's appsettings turn demo tokens on, which the test keys above would refuse.
        ["Auth:DemoTokens:Enabled"] = "false",
    };

    /// <summary>A valid shopper token for <paramref name="userId"/>.</summary>
    public static string Shopper(string userId, string? email = null, DateTimeOffset? now = null) =>
        Sign(Issuer, Audience, SigningKey, userId, (now ?? DateTimeOffset.UtcNow).AddHours(1), email);

    /// <summary>A guest token as this service would sign it, for <paramref name="sessionId"/> (g_...).</summary>
    public static string Guest(string sessionId) =>
        Sign(GuestIssuer, Audience, GuestSigningKey, sessionId, DateTimeOffset.UtcNow.AddHours(1));

    public static string Sign(string issuer, string audience, string key, string subject, DateTimeOffset expires,
        string? email = null, string algorithm = SecurityAlgorithms.HmacSha256, DateTimeOffset? notBefore = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        if (email is not null)
        {
            claims.Add(new Claim("email", email));
        }

        var issuedAt = notBefore ?? expires.AddHours(-2);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) that claims to be <paramref name="userId"/>.</summary>
    public static string AlgNone(string userId)
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
               Encode($"{{\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"sub\":\"{userId}\",\"iat\":{now},\"nbf\":{now},\"exp\":{exp}}}") + ".";
    }
}
