using Microsoft.OpenApi;

namespace Cart.Web.Platform.OpenApi;

internal static class OpenApiSetup
{
    public static IServiceCollection AddCartOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Cart storefront API",
                    Version = "v1",
                    Description = "Carts of shoppers and guests. Every cart route needs a bearer token; errors are " +
                                  "RFC 9457 problem documents with a stable `code`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A shopper token from the identity provider, or a guest token from " +
                                  "POST /api/v1/guest-sessions.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Request bodies refuse unknown members (API.md): say so, so generated clients agree.
                var type = context.JsonTypeInfo.Type;
                if (type.Name.EndsWith("Request", StringComparison.Ordinal) && type.Namespace?.StartsWith("Cart.Web", StringComparison.Ordinal) == true)
                {
                    schema.AdditionalPropertiesAllowed = false;
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }
}
