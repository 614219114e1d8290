using System.Text;

namespace Cart.Domain.Carts;

/// <summary>The limits of API.md ("Rules, Limits"), in one place for the aggregate, validation and the OpenAPI document.</summary>
public static class CartLimits
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 999;
    public const int MaxLines = 100;
    public const int MaxVariantEntries = 10;
    public const int MaxVariantKeyLength = 64;
    public const int MaxVariantBytes = 1024;

    /// <summary>The quantity rule in words, for whoever sent a quantity that breaks it.</summary>
    public const string QuantityRule = "Quantity must be between 1 and 999.";

    public static bool IsValidQuantity(int quantity) => quantity is >= MinQuantity and <= MaxQuantity;

    /// <summary>Why a variant breaks the limits, or null when it keeps them.</summary>
    public static string? VariantProblem(IReadOnlyDictionary<string, string>? variant)
    {
        if (variant is null)
        {
            return null;
        }

        if (variant.Count > MaxVariantEntries)
        {
            return $"A variant has at most {MaxVariantEntries} attributes.";
        }

        var bytes = 0;
        foreach (var (key, value) in variant)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxVariantKeyLength)
            {
                return $"A variant attribute name is 1 to {MaxVariantKeyLength} characters.";
            }

            if (value is null)
            {
                return "Variant attribute values are strings.";
            }

            bytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        return bytes > MaxVariantBytes ? $"A variant holds at most {MaxVariantBytes} bytes of names and values." : null;
    }
}
