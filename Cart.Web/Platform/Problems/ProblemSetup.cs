using System.Diagnostics;

namespace Cart.Web.Platform.Problems;

internal static class ProblemSetup
{
    public static IServiceCollection AddCartProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey("code"))
            {
                // The framework answered with a status alone (routing's 405, body binding's 415, an unmatched 404).
                var code = ProblemCatalog.CodeForStatus(status);
                problem.Extensions["code"] = code;
                problem.Type = ProblemCatalog.TypeOf(code);
                problem.Title = ProblemCatalog.TitleOf(code);
                problem.Detail ??= ProblemCatalog.DetailForStatus(status);
            }

            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            // No stack traces or exception text leave the service, in any environment.
            problem.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
