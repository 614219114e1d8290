using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Cart.Web.Platform.Problems;
using Cart.Web.Platform.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cart.Web.Carts;

/// <summary>
/// Counts every cart operation that reaches its endpoint, with the outcome the client will see. Failures are still
/// exceptions here (the <see cref="ProblemExceptionHandler"/> turns them into problems later), so the filter names
/// them by the same code and rethrows. Requests refused before the endpoint runs (401, 413, 429, unreadable JSON,
/// and a field that breaks its rule: the framework's validation runs before every endpoint filter) are not counted
/// here; they show in <c>http.server.request.duration</c> by status and in the request log.
/// </summary>
internal sealed class CartOperationMetricsFilter(CartMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var operation = OperationOf(http);
        string outcome;
        try
        {
            var result = await next(context);
            outcome = OutcomeOf(result);
            metrics.Operation(operation, outcome);
            RequestOutcome.Set(http, outcome);
            return result;
        }
        catch (Exception exception)
        {
            outcome = OutcomeOf(exception, http);
            metrics.Operation(operation, outcome);
            RequestOutcome.Set(http, outcome);
            throw;
        }
    }

    internal static string OperationOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unnamed";

    private static string OutcomeOf(object? result) => result switch
    {
        ProblemHttpResult problem => CodeOf(problem.ProblemDetails.Extensions) ?? "error",
        IStatusCodeHttpResult { StatusCode: >= StatusCodes.Status400BadRequest } => "error",
        _ => CartMetrics.Success,
    };

    private static string OutcomeOf(Exception exception, HttpContext http) => exception switch
    {
        DomainException domain => domain.Error.Code,
        ProblemException problem => problem.Code,
        RequestValidationException => ErrorCodes.ValidationFailed,
        RetryLaterException => ProblemCodes.ServiceUnavailable,
        OperationCanceledException when http.RequestAborted.IsCancellationRequested => "canceled",
        _ when DbErrors.IsUnavailable(exception) => ProblemCodes.ServiceUnavailable,
        _ => "error",
    };

    private static string? CodeOf(IDictionary<string, object?> extensions) =>
        extensions.TryGetValue("code", out var code) ? code as string : null;
}
