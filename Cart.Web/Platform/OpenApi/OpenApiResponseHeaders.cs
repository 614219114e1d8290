using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;

namespace Cart.Web.Platform.OpenApi;

/// <summary>
/// The response headers clients act on, which the generator cannot see because endpoints and middleware set them on
/// the response: the cart's <c>ETag</c> on 200 and 304, <c>Cache-Control: no-store</c> on every cart response (problems
/// included), <c>Idempotent-Replayed</c> on a replayed write, <c>Retry-After</c> on every 429 and 503, and the
/// order's <c>Location</c> on checkout's 201 (a guest session's 201 has no address of its own, so no other).
/// </summary>
internal static class OpenApiResponseHeaders
{
    public static void Describe(OpenApiOperation operation, ApiDescription description)
    {
        var isCart = description.RelativePath?.StartsWith("api/v1/cart", StringComparison.Ordinal) == true;
        var isWrite = description.HttpMethod != HttpMethods.Get;
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse target)
            {
                continue;
            }

            if (status is "429" or "503")
            {
                Add(target, "Retry-After", RetryAfter());
            }

            if (!isCart)
            {
                continue;
            }

            Add(target, "Cache-Control", CacheControl());
            if (status is "200" or "304")
            {
                Add(target, "ETag", ETag());
            }

            if (status is "200" or "201" && isWrite)
            {
                Add(target, "Idempotent-Replayed", IdempotentReplayed());
            }

            if (status == "201")
            {
                Add(target, "Location", Location());
            }
        }
    }

    private static void Add(OpenApiResponse response, string name, OpenApiHeader header)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = header;
    }

    private static OpenApiHeader RetryAfter() => new()
    {
        Description = "Whole seconds to wait before trying again.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
    };

    private static OpenApiHeader CacheControl() => new()
    {
        Description = "A cart is never kept by a browser or a proxy.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("no-store")] },
    };

    private static OpenApiHeader ETag() => new()
    {
        Description = "The cart's version as a strong entity tag (\"2\"), for If-None-Match and If-Match.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
    };

    private static OpenApiHeader Location() => new()
    {
        Description = "Where the order made by this checkout is read: /api/v1/orders/{orderId}.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^/api/v1/orders/o_[0-9A-Z]{26}$" },
    };

    private static OpenApiHeader IdempotentReplayed() => new()
    {
        Description = "Present when this is the stored answer to an earlier request with the same Idempotency-Key: " +
                      "nothing was applied again.",
        Required = false,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
    };
}
