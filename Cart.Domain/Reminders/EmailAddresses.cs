using System.Net.Mail;

namespace Cart.Domain.Reminders;

/// <summary>The one form of an address that unsubscribes and lookups compare.</summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321's longest path.</summary>
    public const int MaxLength = 254;

    /// <summary>
    /// The address trimmed and in lower case, or null when it is not a single plain address. Lower-casing the local
    /// part is not RFC 5321's rule, but every mailbox provider the marketplace's shoppers use treats it so, and an
    /// unsubscribe must not be dodged by a capital letter.
    /// </summary>
    public static string? Normalise(string? address)
    {
        var trimmed = address?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength)
        {
            return null;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.DisplayName.Length > 0
            || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }
}
