using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Cart.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// The signed, expiring tokens of a reminder's two links. A token is <c>payload.signature</c>, both Base64Url: the
/// payload is the purpose (so an unsubscribe token never opens a cart, nor the reverse), the expiry (Unix seconds)
/// and the reminder's id; the signature is HMAC-SHA256 of the payload under <c>Reminders:LinkSigningKey</c>, compared
/// in fixed time. Nothing secret is in a token: it only names a reminder, and only this service can make one.
/// A third kind, the landing token, is never in an email: following the link back hands it to the storefront, whose
/// signed-in page reports with it that the shopper arrived (a scanner fetching the link gets one too, but it has no
/// shopper session to report it with).
/// </summary>
public sealed class ReminderLinks(IOptions<RemindersOptions> options, PublicAddress address, TimeProvider clock)
{
    public const string RecoverPath = "/api/v1/reminders/r/";
    public const string UnsubscribePath = "/api/v1/reminders/unsubscribe";

    /// <summary>How long the storefront has to report a landing: long enough to sign in first.</summary>
    public static readonly TimeSpan LandingLifetime = TimeSpan.FromHours(1);

    private const int ExpiryBytes = 8;
    private const int MaxTokenLength = 512;

    private byte[] Key => Encoding.UTF8.GetBytes(options.Value.LinkSigningKey);

    public Uri RecoveryUrl(string reminderId) =>
        new(address.BaseUrl, RecoverPath + Sign(LinkPurpose.Recover, reminderId, options.Value.RecoveryLinkLifetime));

    public Uri UnsubscribeUrl(string reminderId) =>
        new(address.BaseUrl, UnsubscribePath + "?token="
            + Sign(LinkPurpose.Unsubscribe, reminderId, options.Value.UnsubscribeLinkLifetime));

    public string LandingToken(string reminderId) => Sign(LinkPurpose.Landing, reminderId, LandingLifetime);

    public string Sign(LinkPurpose purpose, string reminderId, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var id = Encoding.UTF8.GetBytes(reminderId);
        var payload = new byte[1 + ExpiryBytes + id.Length];
        payload[0] = (byte)purpose;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1, ExpiryBytes), expires);
        id.CopyTo(payload.AsSpan(1 + ExpiryBytes));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Key, payload));
    }

    /// <summary>The reminder id a token of <paramref name="purpose"/> names, or null when the token is malformed,
    /// tampered with, for the other purpose, or expired.</summary>
    public string? Verify(LinkPurpose purpose, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var signature))
        {
            return null;
        }

        var expected = HMACSHA256.HashData(Key, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return null;
        }

        if (payload.Length <= 1 + ExpiryBytes || payload[0] != (byte)purpose)
        {
            return null;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(1, ExpiryBytes));
        if (clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return null;
        }

        return Encoding.UTF8.GetString(payload.AsSpan(1 + ExpiryBytes));
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }
}

/// <summary>What a link token is for. Signed into the token.</summary>
public enum LinkPurpose : byte
{
    Recover = 1,
    Unsubscribe = 2,

    /// <summary>The storefront's report that the shopper's browser arrived from the link back to the cart.</summary>
    Landing = 3,
}
