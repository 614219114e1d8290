using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Cart.Infrastructure.Idempotency;
using Cart.Web.Platform.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cart.Web.Platform.OpenApi;

/// <summary>
/// Limits the generator does not state by itself: the SKU in a route, the Idempotency-Key header, the allowed values
/// of a string (<see cref="AllowedValuesAttribute"/>), the most entries of a map (<see cref="MaxLengthAttribute"/>
/// on a dictionary) and the rule for each item of a list (<see cref="ItemsMatchAttribute"/>), so clients and
/// validators know what the service enforces.
/// </summary>
internal static class OpenApiLimits
{
    public static void DescribeParameters(IList<IOpenApiParameter> parameters)
    {
        foreach (var (name, schema) in parameters.Select(p => (p.Name, p.Schema as OpenApiSchema)))
        {
            if (name == "Idempotency-Key" && schema is not null)
            {
                schema.MinLength = 1;
                schema.MaxLength = IdempotencyLimits.MaxKeyLength;
                schema.Pattern = "^[!-~]+$"; // visible ASCII
            }
        }
    }

    public static void DescribeProperties(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Properties is not { } properties)
        {
            return;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is not { } attributes ||
                !properties.TryGetValue(property.Name, out var found) || found is not OpenApiSchema target)
            {
                continue;
            }

            foreach (var allowed in attributes.GetCustomAttributes(typeof(AllowedValuesAttribute), true)
                         .Cast<AllowedValuesAttribute>())
            {
                target.Enum = [.. allowed.Values.OfType<string>().Select(v => (JsonNode)JsonValue.Create(v))];
            }

            if (attributes.GetCustomAttributes(typeof(ItemsMatchAttribute), true)
                    .Cast<ItemsMatchAttribute>().FirstOrDefault() is { } each)
            {
                // A new schema: the generator may share the one it made for the item type.
                target.Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MinLength = each.MinLength,
                    MaxLength = each.MaxLength,
                    Pattern = each.Pattern,
                };
            }

            var isMap = typeof(IDictionary).IsAssignableFrom(property.PropertyType) ||
                        property.PropertyType.GetInterfaces().Any(i =>
                            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
            if (isMap && attributes.GetCustomAttributes(typeof(MaxLengthAttribute), true)
                    .Cast<MaxLengthAttribute>().FirstOrDefault() is { } most)
            {
                target.MaxProperties = most.Length;
                target.MaxItems = null;
                target.MaxLength = null;
            }
        }
    }
}
