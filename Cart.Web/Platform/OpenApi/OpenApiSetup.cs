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

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Cart"] = "The caller's cart: read it, add, change and remove lines, clear it, merge a guest cart into it, " +
                   "accept the current prices of its lines, check it out.",
        ["Orders"] = "The orders checkout made, to their owner.",
        ["Catalog"] = "The public catalog of products, with their current prices; no token needed.",
        ["Identity"] = "Guest sessions: a token that owns one guest cart, for shoppers who have not signed in.",
        ["Reminders"] = "The links in abandoned-cart reminder emails: back to the cart, and the unsubscribe; no bearer " +
                        "token needed (the link's own signed token says which reminder), and opening one (GET) " +
                        "changes nothing. The storefront reports its shopper's landing with the shopper's token.",
        ["Demo"] = "Stands in for the identity provider while Auth:DemoTokens:Enabled is on; absent otherwise.",
    };

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
        document.Info.License = new OpenApiLicense
        {
            Name = "Proprietary: for the marketplace's own storefront clients",
            Identifier = "LicenseRef-Proprietary",
        };
        // Paths start with a slash, so a server URL ending in one would make them start with two.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "");
        }

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
        // An empty list says "no token needed" outright, where no list at all leaves it unsaid.
        operation.Security = needsToken
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
            : [];

        operation.Responses ??= [];
        if (operation.RequestBody is not null)
        {
            AddProblem(operation, StatusCodes.Status413PayloadTooLarge, "Payload Too Large: the body is over 16 KB",
                context.Document);
            AddProblem(operation, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: the body is not JSON",
                context.Document);
        }

        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
        {
            // Any query, route value or body string with a control character is refused at the edge, on every route.
            AddProblem(operation, StatusCodes.Status400BadRequest,
                "Bad Request: a value holds a control character, or breaks another rule (validation_failed)",
                context.Document);
        }

        AddProblem(operation, StatusCodes.Status500InternalServerError,
            "Internal Server Error: an unexpected failure (internal_error)",
            context.Document);

        operation.Parameters ??= [];
        if (context.Description.RelativePath?.StartsWith("api/v1/cart", StringComparison.Ordinal) == true)
        {
            AddCartHeaders(operation.Parameters, context.Description.HttpMethod);
        }

        OpenApiLimits.DescribeParameters(operation.Parameters);
        OpenApiResponseHeaders.Describe(operation, context.Description);
        return Task.CompletedTask;
    }

    private static void AddCartHeaders(IList<IOpenApiParameter> parameters, string? method)
    {
        if (method == HttpMethods.Get)
        {
            parameters.Add(Header("If-None-Match", "The cart's ETag the client holds; 304 when unchanged."));
        }
        else
        {
            parameters.Add(Header("If-Match", "Apply only if the cart is still at this ETag; else 412."));
            parameters.Add(Header("Idempotency-Key",
                "1 to 255 visible ASCII characters; a retry with the same key and body replays the first response."));
        }
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

        OpenApiLimits.DescribeProperties(schema, context);

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
        schema.Properties["available"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Minimum = "0",
            Description = "With insufficient_stock for one line: the quantity that is free now.",
        };
        schema.Properties["lines"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "With insufficient_stock or price_changed at checkout: each line at fault.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "sku" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["sku"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["requested"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                    ["available"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                    ["unitPrice"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                    ["currentUnitPrice"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                },
            },
        };
        schema.Required ??= new HashSet<string>();
        schema.Required.Add("code");
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description, OpenApiDocument? document) =>
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ProblemResponse(description, document));

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
