using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Cart.Web.Platform.Problems;

/// <summary>
/// Field → message for a JSON body the serializer refused, worked out from facts and never from the serializer's
/// wording (which names .NET types and changes between releases): the exception's kind and path, the contract of
/// the endpoint's request type, and the body itself, read again (<see cref="JsonBodyFacts"/>).
/// </summary>
internal static class JsonBodyErrors
{
    public const string WholeBody = "body";

    public static async Task<Dictionary<string, string[]>> DescribeAsync(HttpContext context, JsonException error)
    {
        var segments = PathSegments(error.Path);
        var field = segments.Count == 0 ? WholeBody : string.Join('.', segments);

        // The reader gave up: cut short, trailing characters, something that is not JSON.
        if (error.InnerException is JsonException)
        {
            return One(field, segments.Count == 0
                ? "The body is not valid JSON."
                : $"The body is not valid JSON; it breaks at '{field}'.");
        }

        // A converter refused the value: a string for a number, a fraction or an out-of-range number for an integer.
        if (error.InnerException is not null)
        {
            return One(field, WrongType(field));
        }

        var contract = ContractOf(context);
        var facts = await JsonBodyFacts.ReadAsync(context.Request, context.RequestAborted);
        if (segments.Count == 0)
        {
            var missing = facts is { IsObject: true } && contract is not null
                ? contract.Properties.Where(p => p.IsRequired && !facts.Names.Contains(p.Name)).Select(p => p.Name).ToList()
                : [];
            return missing.Count > 0
                ? missing.ToDictionary(name => name, name => new[] { $"'{name}' is required." }, StringComparer.Ordinal)
                : One(WholeBody, "The body must be a JSON object holding the fields of this request.");
        }

        var top = segments[0];
        if (contract is not null && !contract.Properties.Any(p => string.Equals(p.Name, top, StringComparison.Ordinal)))
        {
            return One(top, top.Length == 0
                ? "A field with an empty name is not a field of this request."
                : $"'{top}' is not a field of this request; prices and other values come from the service.");
        }

        if (facts?.Duplicated.Contains(field) == true)
        {
            return One(field, $"'{field}' is given more than once.");
        }

        return facts?.Nulls.Contains(field) == true
            ? One(field, $"'{field}' may not be null.")
            : One(field, WrongType(field));
    }

    private static string WrongType(string field) => $"'{field}' has the wrong type or an out-of-range value.";

    private static Dictionary<string, string[]> One(string field, string message) =>
        new(StringComparer.Ordinal) { [field] = [message] };

    /// <summary>The JSON contract of the body the endpoint binds, when it binds one.</summary>
    private static JsonTypeInfo? ContractOf(HttpContext context)
    {
        // The exception handler clears the endpoint before handlers run; its feature keeps the original.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var type = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        return type is null
            ? null
            : context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.GetTypeInfo(type);
    }

    /// <summary>
    /// The member names and indexes of a serializer path: <c>$.variant.size</c>, <c>$['a b']</c> (names with dots,
    /// spaces or quotes), <c>$.</c> (an empty name), <c>$.items[0]</c>. An index is kept as <c>[0]</c>.
    /// </summary>
    internal static List<string> PathSegments(string? path)
    {
        var segments = new List<string>();
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return segments;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length - 1 : end;
                if (segments.Count > 0)
                {
                    segments[^1] += path[i..(end + 1)];
                }

                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }
}
