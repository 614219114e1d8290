using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Problems;

/// <summary>
/// The last of the problem writers: writes the problem document whatever the request's <c>Accept</c> says. The
/// framework's writer declines when <c>Accept</c> names no JSON type (or is no media type at all, such as
/// <c>../x</c>), and a problem that no writer takes made the exception handler fail into a 500 with no body. API.md
/// promises every error as <c>application/problem+json</c>; a client that asked for something else still learns
/// what went wrong.
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, problem.GetType(),
            json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}
