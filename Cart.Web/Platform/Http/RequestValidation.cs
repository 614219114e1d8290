using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Cart.Domain.Common;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Platform.Http;

/// <summary>
/// Checks a request's data annotations (the same ones the OpenAPI document shows) and throws 400
/// <c>validation_failed</c> listing every field at fault.
/// </summary>
internal static class RequestValidation
{
    public static void Validate<T>(T request, params (string Field, string? Problem)[] extra) where T : notnull
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        var errors = results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty("body").Select(m => (Field: JsonNamingPolicy.CamelCase.ConvertName(m), r.ErrorMessage)))
            .Concat(extra.Where(e => e.Problem is not null).Select(e => (e.Field, ErrorMessage: e.Problem)))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Not valid.").ToArray());
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    /// <summary>A SKU taken from the route: same rule as in a body.</summary>
    public static string RouteSku(string sku)
    {
        if (!Domain.Common.Sku.IsValid(sku))
        {
            throw RequestValidationException.For("sku", Domain.Common.Sku.Invalid.Message);
        }

        return sku;
    }
}
