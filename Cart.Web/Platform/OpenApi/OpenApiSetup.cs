using System.Text.Json.Nodes;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cart.Web.Platform.OpenApi;

/// <summary>
/// The OpenAPI document describes exactly what the service accepts and returns, so a generated client works:
/// the bearer scheme on the routes that need it, the conditional and idempotency headers, closed request bodies,
/// and problem documents with every <c>code</c> they may carry.
/// </summary>
internal static class OpenApiSetup
{
    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddCartOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeOperation);
            options.AddSchemaTransformer(DescribeSchema);
        });
        return services;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Cart storefront API",
            Version = "v1",
            Description = "Carts of shoppers and guests. Every cart route needs a bearer token; errors are RFC 9457 " +
                          "problem documents with a stable `code` (all of them are listed in the ProblemDetails " +
                          "schema). A method a path does not take answers 405 `method_not_allowed` with an `Allow` " +
                          "header; a body that is not JSON answers 415 `unsupported_media_type`.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A shopper token from the identity provider, or a guest token from POST /api/v1/guest-sessions.",
        };
        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (needsToken)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            ];
        }

        if (operation.RequestBody is not null)
        {
            operation.Responses ??= [];
            operation.Responses.TryAdd(StatusCodes.Status415UnsupportedMediaType.ToString(
                    System.Globalization.CultureInfo.InvariantCulture),
                ProblemResponse("Unsupported Media Type: the body is not JSON", context.Document));
        }

        var method = context.Description.HttpMethod;
        var isCartRoute = context.Description.RelativePath?.StartsWith("api/v1/cart", StringComparison.Ordinal) == true;
        if (!isCartRoute)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        if (method == HttpMethods.Get)
        {
            operation.Parameters.Add(Header("If-None-Match", "The cart's ETag the client holds; 304 when unchanged."));
        }
        else
        {
            operation.Parameters.Add(Header("If-Match", "Apply only if the cart is still at this ETag; else 412."));
            operation.Parameters.Add(Header("Idempotency-Key",
                "1 to 255 visible ASCII characters; a retry with the same key and body replays the first response."));
        }

        return Task.CompletedTask;
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context,
        CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
        {
            // Written by UtcTimestampConverter, which the generator cannot see through.
            schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }

        if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            DescribeProblem(schema);
        }

        // Request bodies refuse unknown members (API.md): say so, so generated clients agree.
        if (type.Name.EndsWith("Request", StringComparison.Ordinal) &&
            type.Namespace?.StartsWith("Cart.Web", StringComparison.Ordinal) == true)
        {
            schema.AdditionalPropertiesAllowed = false;
        }

        return Task.CompletedTask;
    }

    /// <summary>The extensions every problem carries; others (<c>lines</c>, <c>available</c>) come with some codes.</summary>
    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The stable error code clients switch on.",
            Enum = [.. ProblemCatalog.Codes.Select(code => (JsonNode)JsonValue.Create(code))],
        };
        schema.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The trace of the request, as in the service's logs.",
        };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "With validation_failed: each field at fault and what is wrong with it.",
            AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        schema.Required ??= new HashSet<string>();
        schema.Required.Add("code");
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
    }

    private static OpenApiResponse ProblemResponse(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
        },
    };

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
