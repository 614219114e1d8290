using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace Cart.Infrastructure.Hosting;

/// <summary>
/// What every HMAC signing key of the service must be: set, at least as long as the algorithm's hash (RFC 7518 §3.2;
/// a key is used as its UTF-8 bytes), and, outside Development, none of the keys committed in
/// <c>appsettings.Development.json</c>, which anyone who reads the repository can sign with.
/// </summary>
public static class SigningKeyRules
{
    /// <summary>
    /// The keys <c>appsettings.Development.json</c> holds, in the order of the file. Kept here rather than read from the
    /// file at run time, so a deployment that leaves the file out of its image is still checked; a test keeps the two
    /// the same.
    /// </summary>
    public static readonly IReadOnlyList<string> CommittedDevelopmentKeys =
    [
        "dev-only-shopper-signing-key-change-me-0123456789",
        "dev-only-guest-signing-key-change-me-0123456789",
        "dev-only-demo-token-signing-key-0123456789",
        "dev-only-reminder-link-signing-key-0123456789",
    ];

    /// <summary>The least key length, in bytes, of an HMAC algorithm: the size of its hash.</summary>
    public static int MinBytesFor(string algorithm) => algorithm switch
    {
        "HS384" => 48,
        "HS512" => 64,
        _ => 32,
    };

    /// <summary>Why <paramref name="key"/>, the value of <paramref name="setting"/>, may not sign; null when it may.</summary>
    public static string? Problem(string setting, string? key, int minBytes, IHostEnvironment environment)
    {
        if (string.IsNullOrEmpty(key))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{setting} is empty: set a random key of at least {minBytes} bytes.");
        }

        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes < minBytes)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{setting} is {bytes} bytes long; the signing algorithm needs at least {minBytes}.");
        }

        if (!environment.IsDevelopment() && CommittedDevelopmentKeys.Contains(key, StringComparer.Ordinal))
        {
            return $"{setting} is the development key committed in appsettings.Development.json, which anyone who " +
                   $"reads the repository can sign with. Outside Development it is refused: set a random key of this " +
                   $"deployment's own.";
        }

        return null;
    }
}
