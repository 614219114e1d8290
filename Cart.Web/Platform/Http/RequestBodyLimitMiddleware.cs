using Cart.Domain.Common;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Cart.Web.Platform.Http;

/// <summary>
/// API bodies are at most 16 KB (API.md). A larger declared length is refused before it is read; a body without a
/// declared length (chunked) is read into the buffer up to the limit and refused as soon as it passes it. What is
/// accepted stays buffered, so it can be read twice (the Idempotency-Key fingerprint reads it after binding).
/// The server's own request body limit is deliberately left alone: Kestrel counts the chunk-size lines of a chunked
/// body against it, so setting it to 16 KB refused chunked bodies some bytes short of 16 KB. The count here is of the
/// body's own bytes, and stops reading one byte past the limit.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>The largest request body the API takes, in bytes (16 KB).</summary>
    public const int Limit = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // Most API calls are bodiless reads: they pass through untouched.
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            await next(context);
            return;
        }

        if (request.ContentLength > Limit)
        {
            await RefuseAsync(context);
            return;
        }

        // One byte over the limit may sit in the buffer, so that "too large" can be told apart from "exactly 16 KB".
        request.EnableBuffering(bufferThreshold: Limit + 1, bufferLimit: Limit + 1);
        if (request.ContentLength is null && await ExceedsLimitAsync(request, context.RequestAborted))
        {
            await RefuseAsync(context);
            return;
        }

        await next(context);
    }

    private static async Task<bool> ExceedsLimitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
        long total = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > Limit)
                {
                    return true;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return true;
        }
        catch (IOException) when (total + buffer.Length > Limit)
        {
            // The buffering stream refuses to hold more than its limit.
            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return false;
    }

    private static Task RefuseAsync(HttpContext context) =>
        Problem.WriteAsync(context, Problem.For(ProblemCodes.PayloadTooLarge,
            $"Request bodies are at most {Limit} bytes."));
}
