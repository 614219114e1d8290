using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Cart.Web.Platform.Auth;

internal static class TokenValidation
{
    public static SymmetricSecurityKey KeyOf(string secret) => new(Encoding.UTF8.GetBytes(secret));

    public static TokenValidationParameters Shopper(AuthOptions auth) =>
        Parameters(auth, auth.Issuer, auth.SigningKey, CartSchemes.ShopperIdentity);

    public static TokenValidationParameters Guest(AuthOptions auth) =>
        Parameters(auth, auth.GuestIssuer, auth.GuestSigningKey, CartSchemes.GuestIdentity);

    private static TokenValidationParameters Parameters(AuthOptions auth, string issuer, string key,
        string authenticationType) => new()
        {
            ValidIssuer = issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKey = KeyOf(key),
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
