using System.Text.Json;
using System.Text.RegularExpressions;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Web.Platform.Problems;

/// <summary>
/// The one place where errors become RFC 9457 responses. Only the unexpected is left to become a 500.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const int DatabaseRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception,
        CancellationToken cancellationToken)
    {
        var problem = exception is BadHttpRequestException { InnerException: JsonException json }
            ? await FromJsonAsync(httpContext, json)
            : ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Answering 503: a dependency is unavailable");
            httpContext.Response.Headers.RetryAfter = (exception is RetryLaterException later ? later.RetryAfterSeconds : DatabaseRetryAfterSeconds)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await Problem.WriteAsync(httpContext, problem, exception);
        return true;
    }

    private static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        DomainException domain => Problem.FromDomain(domain),
        ProblemException problem => Problem.For(problem.Code, problem.Message),
        RequestValidationException validation => Problem.Validation(validation.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem.For(
            ProblemCodes.PayloadTooLarge, $"Request bodies are at most {Http.RequestBodyLimitMiddleware.Limit} bytes."),
        BadHttpRequestException badRequest => FromBinding(badRequest),
        RetryLaterException later => Problem.For(ProblemCodes.ServiceUnavailable, later.Message),
        CommitOutcomeUnknownException unknown => Problem.For(ProblemCodes.ServiceUnavailable, unknown.Message),
        // A caller the endpoint's policy let in whom the service refused on a closer look (a console session whose
        // account was disabled, signed out elsewhere or demoted since its cookie was last checked).
        UnauthorizedAccessException denied => Problem.For(ProblemCodes.Forbidden, denied.Message),
        OperationCanceledException => null,
        _ when DbErrors.IsUnavailable(exception) => Problem.For(ProblemCodes.ServiceUnavailable,
            "The database cannot take the request right now; nothing was changed. Retry shortly."),
        _ => null,
    };

    private static async Task<ProblemDetails> FromJsonAsync(HttpContext context, JsonException json)
    {
        var errors = await JsonBodyErrors.DescribeAsync(context, json);
        return Problem.Validation(errors, errors.First().Value[0]);
    }

    private static ProblemDetails FromBinding(BadHttpRequestException exception)
    {
        // Binding of route and query values ("Failed to bind parameter "int? page" from "x"") lands here.
        var parameter = ParameterName().Match(exception.Message);
        var name = parameter.Success ? parameter.Groups["name"].Value : "request";
        var message = parameter.Success ? $"'{name}' has the wrong type." : "The request could not be read.";
        var problem = Problem.Validation(new Dictionary<string, string[]> { [name] = [message] }, message);
        problem.Status = exception.StatusCode;
        return problem;
    }

    [GeneratedRegex("parameter \"[^\"]* (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterName();
}
