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
        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Answering 503: a dependency is unavailable");
            httpContext.Response.Headers.RetryAfter = (exception is CartBusyException ? 1 : DatabaseRetryAfterSeconds)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await Problem.WriteAsync(httpContext, problem, exception);
        return true;
    }

    private static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        DomainException domain => Problem.FromDomain(domain),
        RequestValidationException validation => Problem.Validation(validation.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem.For(
            ErrorCodes.PayloadTooLarge, $"Request bodies are at most {Domain.Carts.CartLimits.MaxRequestBodyBytes} bytes."),
        BadHttpRequestException badRequest => FromBadRequest(badRequest),
        CartBusyException busy => Problem.For(ErrorCodes.ServiceUnavailable, busy.Message),
        CommitOutcomeUnknownException unknown => Problem.For(ErrorCodes.ServiceUnavailable, unknown.Message),
        OperationCanceledException => null,
        _ when DbErrors.IsUnavailable(exception) => Problem.For(ErrorCodes.ServiceUnavailable,
            "The database cannot take the request right now; nothing was changed. Retry shortly."),
        _ => null,
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var errors = DescribeJsonError(json);
            return Problem.Validation(errors, errors.First().Value[0]);
        }

        // Binding of route and query values ("Failed to bind parameter "int? page" from "x"") lands here.
        var parameter = ParameterName().Match(exception.Message);
        var name = parameter.Success ? parameter.Groups["name"].Value : "request";
        var message = parameter.Success ? $"'{name}' has the wrong type." : "The request could not be read.";
        var problem = Problem.Validation(new Dictionary<string, string[]> { [name] = [message] }, message);
        problem.Status = exception.StatusCode;
        return problem;
    }

    /// <summary>Field → message for a JSON body the contract refuses, naming fields only (never .NET types).</summary>
    private static Dictionary<string, string[]> DescribeJsonError(JsonException json)
    {
        var field = FieldFromPath(json.Path);
        var text = json.Message;
        if (text.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var member = QuotedName().Match(text);
            var name = member.Success ? member.Groups["name"].Value : field;
            return One(name, $"'{name}' is not a field of this request; prices and other values come from the service.");
        }

        var including = text.IndexOf("including:", StringComparison.Ordinal);
        if (text.Contains("missing required properties", StringComparison.Ordinal) && including >= 0)
        {
            return QuotedName().Matches(text[including..])
                .Select(m => m.Groups["name"].Value)
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(name => name, name => new[] { $"'{name}' is required." });
        }

        if (text.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return One(field, "A field is given more than once.");
        }

        return field == "body"
            ? One(field, "The body is not a valid JSON object for this request.")
            : One(field, $"'{field}' has the wrong type or an out-of-range value.");
    }

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

    private static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return trimmed.Length == 0 ? "body" : trimmed;
    }

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex("parameter \"[^\"]* (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterName();
}
