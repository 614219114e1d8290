namespace Cart.Web.Platform.Auth;

/// <summary>
/// Demo tokens: <c>POST /api/v1/dev/tokens</c> mints shopper tokens, standing in for the identity provider so the
/// service can be tried with nothing set up. Off unless configured on (appsettings.Development.json turns them on
/// for <c>dotnet run</c>). They are signed with a key of their own, which the service trusts only while they are on.
/// Bound and validated with <see cref="AuthOptions"/> (section <c>Auth:DemoTokens</c>), whose keys it is checked against.
/// </summary>
public sealed class DemoTokenOptions
{
    public bool Enabled { get; set; }

    /// <summary>The <c>iss</c> of demo tokens.</summary>
    public string Issuer { get; set; } = "cart-demo";

    /// <summary>The key demo tokens are signed with (at least 32 characters), never one of the real keys.</summary>
    public string SigningKey { get; set; } = string.Empty;
}
