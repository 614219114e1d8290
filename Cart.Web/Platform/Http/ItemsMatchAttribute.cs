using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cart.Web.Platform.Http;

/// <summary>
/// Every item of a list of strings is present, <see cref="MinLength"/> to <see cref="MaxLength"/> characters long
/// and matches <see cref="Pattern"/> as a whole. <see cref="RegularExpressionAttribute"/> and
/// <see cref="StringLengthAttribute"/> judge a value alone, not the items of a list; the OpenAPI document states this
/// rule as the items' schema, so clients see the limit the service enforces.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class ItemsMatchAttribute(string pattern) : ValidationAttribute
{
    private readonly Regex _regex = new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public string Pattern { get; } = pattern;

    public int MinLength { get; init; }

    public int MaxLength { get; init; } = int.MaxValue;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable items || value is string)
        {
            return ValidationResult.Success;
        }

        var index = 0;
        foreach (var item in items)
        {
            if (item is not string text || !Fits(text))
            {
                // The framework keys errors by the property; the message names the item at fault.
                var member = JsonNamingPolicy.CamelCase.ConvertName($"{validationContext.MemberName}[{index}]");
                var message = item is null
                    ? $"'{member}' may not be null."
                    : $"'{member}': {ErrorMessage ?? "not valid."}";
                return new ValidationResult(message, [member]);
            }

            index++;
        }

        return ValidationResult.Success;
    }

    private bool Fits(string text)
    {
        // '$' also matches before a final newline: the match must be the whole text.
        var match = _regex.Match(text);
        return text.Length >= MinLength && text.Length <= MaxLength && match.Success && match.Length == text.Length;
    }
}
