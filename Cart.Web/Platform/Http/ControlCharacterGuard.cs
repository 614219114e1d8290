using System.Text.Json;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Platform.Http;

/// <summary>
/// The edge of the API: every string a request hands the service (query names and values, route values, and the
/// names and string values of a JSON body) is refused with 400 <c>validation_failed</c>, naming the field, when it
/// holds a <see cref="ControlCharacters">control character</see>; no endpoint sees one. Runs after authentication
/// and rate limiting, so such requests are counted like any other. A body that is not JSON is left to binding (415,
/// or 400 for malformed JSON).
/// </summary>
internal sealed partial class ControlCharacterGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var field = InQuery(context.Request) ?? InRoute(context.Request) ?? await InBodyAsync(context);
        if (field is null)
        {
            await next(context);
            return;
        }

        // Keyed as the framework keys a list's items (by the list), the message naming the item at fault.
        var key = IndexOf().Replace(field, string.Empty);
        var message = ControlCharacters.Message(field);
        await Problem.WriteAsync(context,
            Problem.Validation(new Dictionary<string, string[]> { [key] = [message] }, message));
    }

    private static string? InQuery(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (ControlCharacters.In(name))
            {
                return "query";
            }

            foreach (var value in values)
            {
                if (value is not null && ControlCharacters.In(value))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static string? InRoute(HttpRequest request) =>
        request.RouteValues.FirstOrDefault(v => v.Value is string text && ControlCharacters.In(text)).Key;

    private static async Task<string?> InBodyAsync(HttpContext context)
    {
        var request = context.Request;
        // The body limit before this has buffered an API body (at most 16 KB), so it can be read here and again.
        if (!request.HasJsonContentType() || !request.Body.CanSeek)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, context.RequestAborted);
        request.Body.Position = 0;
        return InJson(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// <summary>The path (<c>variant.size</c>, <c>skus[1]</c>) of the first name or string value holding a control
    /// character; null when there is none, or when the JSON breaks first (binding says how).</summary>
    internal static string? InJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        // One entry per open object or array: the member being read, or the index of the next item.
        var path = new List<(string? Name, int Index, bool IsArray)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (ControlCharacters.In(name))
                        {
                            return PathOf(path, includeCurrent: false);
                        }

                        path[^1] = (name, 0, false);
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Add((null, 0, reader.TokenType == JsonTokenType.StartArray));
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        Advance(path);
                        continue;
                    case JsonTokenType.String when ControlCharacters.In(reader.GetString()!):
                        return PathOf(path, includeCurrent: true);
                    default:
                        Advance(path);
                        continue;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not text (a lone surrogate): binding refuses it with its own error.
        }

        return null;
    }

    /// <summary>After a value inside an array, the next item has the next index.</summary>
    private static void Advance(List<(string? Name, int Index, bool IsArray)> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static string PathOf(List<(string? Name, int Index, bool IsArray)> path, bool includeCurrent)
    {
        var text = new System.Text.StringBuilder();
        var count = includeCurrent ? path.Count : path.Count - 1;
        for (var i = 0; i < count; i++)
        {
            var (name, index, isArray) = path[i];
            if (isArray)
            {
                text.Append('[').Append(index).Append(']');
            }
            else if (name is not null)
            {
                text.Append(text.Length > 0 ? "." : string.Empty).Append(name);
            }
        }

        return text.Length > 0 ? text.ToString() : JsonBodyErrors.WholeBody;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d+\]")]
    private static partial System.Text.RegularExpressions.Regex IndexOf();
}
