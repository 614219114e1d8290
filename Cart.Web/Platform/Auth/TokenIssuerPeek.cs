using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Cart.Web.Platform.Auth;

/// <summary>
/// Reads the <c>iss</c> of a JWT without validating or materialising it, to pick the scheme that will validate it.
/// It runs on every request, so it decodes into the stack and allocates nothing. Nothing here is trusted: the chosen
/// scheme checks the signature, and a token that lies about its issuer fails there.
/// </summary>
internal static class TokenIssuerPeek
{
    private const int MaxPayloadChars = 4096;

    public static bool HasIssuer(ReadOnlySpan<char> token, string issuer)
    {
        var first = token.IndexOf('.');
        if (first < 0)
        {
            return false;
        }

        var rest = token[(first + 1)..];
        var second = rest.IndexOf('.');
        var payload = second < 0 ? rest : rest[..second];
        if (payload.IsEmpty || payload.Length > MaxPayloadChars)
        {
            return false;
        }

        Span<byte> json = stackalloc byte[Base64Url.GetMaxDecodedLength(payload.Length)];
        if (Base64Url.DecodeFromChars(payload, json, out _, out var length) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json[..length]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIssuer = reader.ValueTextEquals("iss"u8);
                reader.Read();
                found |= isIssuer && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(issuer);
                reader.Skip();
            }

            // Only a whole, well-formed object counts.
            return found && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or JSON with escapes that are not text (a lone surrogate): not a guest token; the shopper
            // scheme will refuse it.
            return false;
        }
    }
}
