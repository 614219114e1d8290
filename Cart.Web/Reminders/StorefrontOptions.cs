using System.ComponentModel.DataAnnotations;

namespace Cart.Web.Reminders;

/// <summary>The storefront's pages this service sends shoppers to.</summary>
public sealed class StorefrontOptions : IValidatableObject
{
    public const string SectionName = "Storefront";

    /// <summary>The storefront's cart page: where a reminder's link lands (with <c>cartId</c> added to its query).</summary>
    [Required]
    public Uri CartUrl { get; set; } = new("http://localhost:3000/cart");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CartUrl.IsAbsoluteUri || CartUrl.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Storefront:CartUrl must be an absolute http(s) URL.", [nameof(CartUrl)]);
        }
    }
}
