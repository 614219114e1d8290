using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Cart.Web.Platform.Http;

/// <summary>
/// API bodies are at most 16 KB (API.md): a larger declared length is refused before it is read, a chunked body is
/// cut off by the server at the same limit, and what is accepted is buffered so it can be read twice (the
/// Idempotency-Key fingerprint reads it after the endpoint has bound it).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > CartLimits.MaxRequestBodyBytes)
        {
            await Problem.WriteAsync(context, Problem.For(ErrorCodes.PayloadTooLarge,
                $"Request bodies are at most {CartLimits.MaxRequestBodyBytes} bytes."));
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = CartLimits.MaxRequestBodyBytes;
        }

        request.EnableBuffering(bufferThreshold: CartLimits.MaxRequestBodyBytes,
            bufferLimit: CartLimits.MaxRequestBodyBytes);
        await next(context);
    }
}
