using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Cart.Web.Platform.Http;

/// <summary>
/// Refuses a body sent to a route marked <see cref="NoRequestBody"/>: 400 <c>validation_failed</c> naming
/// <c>body</c>, JSON or not, so a client that thinks a checkout or a clear takes options learns that it does not,
/// instead of having them silently ignored. An empty body (<c>Content-Length: 0</c>) is no body.
/// </summary>
internal sealed class NoRequestBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<NoRequestBody>() is null || !await HasBodyAsync(context))
        {
            await next(context);
            return;
        }

        const string message = "This request takes no body.";
        await Problem.WriteAsync(context, Problem.Validation(
            new Dictionary<string, string[]> { [JsonBodyErrors.WholeBody] = [message] }, message));
    }

    private static async Task<bool> HasBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || !request.Body.CanSeek)
        {
            return false;
        }

        // Chunked: the body limit before this has buffered it, so one byte tells, and is read again later.
        var first = new byte[1];
        var read = await request.Body.ReadAsync(first, context.RequestAborted);
        request.Body.Position = 0;
        return read > 0;
    }
}
