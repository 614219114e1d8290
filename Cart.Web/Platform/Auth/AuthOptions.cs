using System.ComponentModel.DataAnnotations;

namespace Cart.Web.Platform.Auth;

/// <summary>Who may call the API: the identity provider's shopper tokens and this service's own guest tokens.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// The shopper key committed in appsettings.Development.json, known to anyone who reads the repository. Demo
    /// tokens are refused beside any other shopper key: a Development run that has set its identity provider's key
    /// cannot turn them on by mistake.
    /// </summary>
    public static string DevelopmentSigningKey => Cart.Infrastructure.Hosting.SigningKeyRules.CommittedDevelopmentKeys[0];

    public static readonly string[] SupportedAlgorithms = ["HS256", "HS384", "HS512"];

    /// <summary>The <c>iss</c> of shopper tokens (the identity provider).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The <c>aud</c> every token must carry, shopper or guest.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Audience { get; set; } = string.Empty;

    /// <summary>The identity provider's shared signing key (at least the hash size of the strongest algorithm allowed:
    /// 32 bytes for HS256; checked by <see cref="AuthKeyRules"/>).</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>The allow-list of signing algorithms; anything else, <c>none</c> above all, is refused.</summary>
    [Required, MinLength(1)]
    public string[] Algorithms { get; set; } = ["HS256"];

    /// <summary>The <c>iss</c> of guest tokens, which this service signs itself.</summary>
    [Required(AllowEmptyStrings = false)]
    public string GuestIssuer { get; set; } = "cart-guest";

    /// <summary>This service's key for guest tokens (as long as <see cref="SigningKey"/> must be); never the identity
    /// provider's.</summary>
    public string GuestSigningKey { get; set; } = string.Empty;

    /// <summary>
    /// How long a guest token lives: the <c>expiresAt</c> of a new guest session. At least five minutes,
    /// so a visitor can shop; at most 90 days, so a leaked token does not stay useful for long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan GuestTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Tolerance for clocks that disagree; API contract: at most 30 seconds.</summary>
    [Range(0, 30)]
    public int ClockSkewSeconds { get; set; } = 30;

    public DemoTokenOptions DemoTokens { get; set; } = new();

    public bool HasOnlySupportedAlgorithms() =>
        Algorithms.Length > 0 && Algorithms.All(a => SupportedAlgorithms.Contains(a, StringComparer.Ordinal));

    public bool HasDistinctKeys() => !string.Equals(SigningKey, GuestSigningKey, StringComparison.Ordinal);

    /// <summary>Demo tokens are off, or on beside nothing but the committed development shopper key.</summary>
    public bool DemoTokensStayOutOfDeployments() =>
        !DemoTokens.Enabled || string.Equals(SigningKey, DevelopmentSigningKey, StringComparison.Ordinal);

    public bool HasUsableDemoKey() =>
        !DemoTokens.Enabled || (!string.Equals(DemoTokens.SigningKey, SigningKey, StringComparison.Ordinal) &&
                                !string.Equals(DemoTokens.SigningKey, GuestSigningKey, StringComparison.Ordinal));

    /// <summary>The scheme is picked by issuer, so demo tokens need one that no other kind of token has.</summary>
    public bool HasDistinctDemoIssuer() =>
        !DemoTokens.Enabled || (!string.IsNullOrWhiteSpace(DemoTokens.Issuer) &&
                                !string.Equals(DemoTokens.Issuer, GuestIssuer, StringComparison.Ordinal) &&
                                !string.Equals(DemoTokens.Issuer, Issuer, StringComparison.Ordinal));
}
