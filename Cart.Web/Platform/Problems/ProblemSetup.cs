using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

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
                // The framework answered: with a status alone (routing's 405, body binding's 415, an unmatched 404),
                // or with the errors of its request validation, which sets no status.
                var code = ProblemCatalog.CodeForStatus(status);
                problem.Extensions["code"] = code;
                problem.Status ??= status;
                problem.Type = ProblemCatalog.TypeOf(code);
                problem.Title = ProblemCatalog.TitleOf(code);
                problem.Detail ??= ProblemCatalog.DetailForStatus(status);
                if (problem is HttpValidationProblemDetails validation)
                {
                    var json = context.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value;
                    validation.Errors = InContractNames(validation.Errors, json.SerializerOptions.PropertyNamingPolicy);
                    validation.Detail ??= Problem.ValidationDetail;
                }
            }

            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            // No stack traces or exception text leave the service, in any environment.
            problem.Extensions.Remove("exception");
        });
        // After the framework's own writer, which declines an Accept without JSON in it.
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    /// <summary>
    /// The framework's validation names a member as C# declares it (<c>Quantity</c>, <c>Lines[0].Sku</c>); clients
    /// know it by its JSON name (<c>quantity</c>), so each segment of the path is renamed by the serializer's policy.
    /// Route and query parameters are named as the route and query spell them, which the policy leaves as they are.
    /// </summary>
    internal static Dictionary<string, string[]> InContractNames(IDictionary<string, string[]> errors,
        JsonNamingPolicy? policy) =>
        errors
            .GroupBy(e => policy is null ? e.Key : string.Join('.', e.Key.Split('.').Select(policy.ConvertName)),
                StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);
}
