namespace Cart.Web.Platform.Auth;

internal static class CartSchemes
{
    /// <summary>The default scheme: looks at the token's issuer and hands it to one of the two below.</summary>
    public const string Bearer = "Bearer";
    public const string Shopper = "Shopper";
    public const string Guest = "Guest";

    /// <summary>The authentication type of the identity each scheme builds; tells shoppers from guests.</summary>
    public const string ShopperIdentity = "shopper";
    public const string GuestIdentity = "guest";

    public const string ShopperOnlyPolicy = "ShopperOnly";
    public const string SubjectClaim = "sub";
    public const string EmailClaim = "email";
}
