using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cart.Infrastructure.Persistence;

internal static class ColumnConversions
{
    /// <summary>19 digits, 4 after the point: a VND cart of 100 lines × 999 units stays far inside the range.</summary>
    public const int MoneyPrecision = 19;
    public const int MoneyScale = 4;

    private static readonly JsonSerializerOptions VariantJsonOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ValueConverter<TEnum, string> LowerCaseEnum<TEnum>() where TEnum : struct, Enum =>
        new(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<TEnum>(v, true));

    /// <summary>PendingPayment ↔ pending_payment: the words the API shows.</summary>
    public static ValueConverter<TEnum, string> SnakeCaseEnum<TEnum>() where TEnum : struct, Enum =>
        new(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()),
            v => Enum.Parse<TEnum>(v.Replace("_", string.Empty, StringComparison.Ordinal), true));

    public static ValueConverter<IReadOnlyDictionary<string, string>, string> VariantJson() =>
        new(v => JsonSerializer.Serialize(v, VariantJsonOptions),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, VariantJsonOptions)
                 ?? new Dictionary<string, string>());

    public static ValueComparer<IReadOnlyDictionary<string, string>> VariantComparer() =>
        new((a, b) => a!.Count == b!.Count && a.All(kv => b.ContainsKey(kv.Key) && b[kv.Key] == kv.Value),
            v => v.Aggregate(0, (hash, kv) => HashCode.Combine(hash, kv.Key, kv.Value)),
            v => new Dictionary<string, string>(v));
}
