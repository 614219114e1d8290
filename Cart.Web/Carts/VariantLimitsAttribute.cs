using System.ComponentModel.DataAnnotations;
using Cart.Domain.Carts;

namespace Cart.Web.Carts;

/// <summary>
/// A variant keeps the cart's limits (<see cref="CartLimits.VariantProblem"/>): at most 10 attributes, names of 1 to
/// 64 characters, 1 KB in all. It is a <see cref="MaxLengthAttribute"/> of 10 so that the OpenAPI document states
/// the most attributes (<c>maxProperties</c>); the check itself is the cart's own rule, with its words.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class VariantLimitsAttribute() : MaxLengthAttribute(CartLimits.MaxVariantEntries)
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is IReadOnlyDictionary<string, string> variant && CartLimits.VariantProblem(variant) is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
