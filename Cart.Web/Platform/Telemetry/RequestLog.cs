using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Cart.Web.Platform.Telemetry;

/// <summary>
/// One line per API call: the operation (endpoint name), status, latency and outcome. Never the path, query, headers
/// or body, so no token, email or cart content reaches the logs. The trace and span ids come from the log scope.
/// </summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Cart.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var elapsed = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            Answered(_logger, status >= StatusCodes.Status500InternalServerError ? LogLevel.Warning : LogLevel.Information,
                context.Request.Method, OperationOf(context), status, elapsed, RequestOutcome.Of(context));
        }
    }

    private static string OperationOf(HttpContext context)
    {
        // The exception handler clears the endpoint before it writes the problem; its feature keeps the original.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
               ?? (endpoint is null ? "unmatched" : "unnamed");
    }

    [LoggerMessage(EventId = 1, EventName = "RequestAnswered",
        Message = "{Method} {Operation} answered {StatusCode} in {ElapsedMs} ms: {Outcome}")]
    private static partial void Answered(ILogger logger, LogLevel level, string method, string operation,
        int statusCode, double elapsedMs, string outcome);
}

/// <summary>Puts the request log outside the whole pipeline, so it sees the final status of every answer.</summary>
internal sealed class RequestLogStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<RequestLogMiddleware>());
        next(app);
    };
}
