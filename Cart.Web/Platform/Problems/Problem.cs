using Cart.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Web.Platform.Problems;

/// <summary>Builds the RFC 9457 documents of the API, always with the stable <c>code</c> extension.</summary>
internal static class Problem
{
    public const string ValidationDetail = "One or more fields are not valid.";

    public static ProblemDetails For(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemCatalog.TypeOf(code),
            Title = ProblemCatalog.TitleOf(code),
            Status = ProblemCatalog.StatusOf(code),
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return problem;
    }

    public static ProblemDetails Validation(IDictionary<string, string[]> errors, string? detail = null)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Type = ProblemCatalog.TypeOf(ErrorCodes.ValidationFailed),
            Title = ProblemCatalog.TitleOf(ErrorCodes.ValidationFailed),
            Status = StatusCodes.Status400BadRequest,
            Detail = detail ?? ValidationDetail,
        };
        problem.Extensions["code"] = ErrorCodes.ValidationFailed;
        return problem;
    }

    public static ProblemDetails FromDomain(DomainException exception)
    {
        var error = exception.Error;
        if (error.Code == ErrorCodes.ValidationFailed && error.Field is not null)
        {
            return Validation(new Dictionary<string, string[]> { [error.Field] = [error.Message] }, error.Message);
        }

        return For(error.Code, error.Message, exception.Details);
    }

    public static Task WriteAsync(HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        }).AsTask();
    }
}
