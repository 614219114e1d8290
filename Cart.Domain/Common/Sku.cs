using System.Text.RegularExpressions;

namespace Cart.Domain.Common;

/// <summary>
/// What a SKU may look like, for every module that takes one (a cart line, a product, a route). <see cref="Pattern"/>
/// is the one rule: validation, the aggregate and the OpenAPI document all use it.
/// </summary>
public static partial class Sku
{
    public const int MaxLength = 64;
    public const string Pattern = "^[A-Za-z0-9._-]{1,64}$";

    /// <summary>What <see cref="Pattern"/> says, in words; a constant so validation attributes can carry it.</summary>
    public const string Rule = "A SKU is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.";

    public static DomainError Invalid => new(ErrorCodes.ValidationFailed, Rule, "sku");

    /// <summary>True when the whole of <paramref name="sku"/> matches <see cref="Pattern"/>.</summary>
    public static bool IsValid(string? sku)
    {
        // '$' also matches before a final newline; the match must be the whole string, as the validator requires.
        if (sku is null)
        {
            return false;
        }

        var match = PatternRegex().Match(sku);
        return match.Success && match.Length == sku.Length;
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex PatternRegex();
}
