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
                var code = ProblemCatalog.CodeForStatus(status);
                problem.Extensions["code"] = code;
                problem.Type = ProblemCatalog.TypeOf(code);
            }

            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            // No stack traces or exception text leave the service, in any environment.
            problem.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
