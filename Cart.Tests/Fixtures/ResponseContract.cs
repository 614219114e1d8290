using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Cart.Tests.Fixtures;

/// <summary>
/// What the served OpenAPI document promises for each response: which statuses an operation returns, and the schema
/// of each body. API tests check every response against it, so the document cannot drift from the service.
/// </summary>
public sealed class ResponseContract
{
    private const string ApiPrefix = "/api/";
    private static readonly Uri DocumentUri = new("https://cart.test/openapi/v1.json");
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly JsonElement _paths;
    private readonly BuildOptions _build;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private int _built;

    private ResponseContract(JsonElement document)
    {
        _paths = document.GetProperty("paths");
        var registry = new SchemaRegistry();
        registry.Register(new JsonElementBaseDocument(document, DocumentUri));
        _build = new BuildOptions { SchemaRegistry = registry };
    }

    public static ResponseContract From(JsonElement document) => new(document.Clone());

    /// <summary>Null when the response is what the document promises; otherwise what is wrong, for the test's output.</summary>
    public string? Check(string method, string path, int status, string? mediaType, ReadOnlySpan<byte> body)
    {
        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal) || method == HttpMethod.Head.Method)
        {
            return null; // probes, metrics and the document itself are not part of the API it describes
        }

        var (template, pathItem) = FindPath(path);
        var operationName = $"{method} {template ?? path}";
        if (pathItem is not { } item || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
        {
            // A route or method the document does not have may only answer with a problem (404, 405, 401, 429).
            return status < 400
                ? $"{operationName} answered {status}, but the document has no such operation"
                : CheckBody(operationName, status, "/components/schemas/ProblemDetails", mediaType,
                    "application/problem+json", body);
        }

        if (operation.TryGetProperty("operationId", out var id))
        {
            operationName = $"{id.GetString()} ({operationName})";
        }

        var statusText = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.GetProperty("responses").TryGetProperty(statusText, out var response))
        {
            return $"{operationName} answered {status}, which the document does not list for it. Body: {Show(body)}";
        }

        if (!response.TryGetProperty("content", out var content))
        {
            return body.IsEmpty ? null : $"{operationName} {status} is documented without a body but has one: {Show(body)}";
        }

        if (mediaType is null || !content.TryGetProperty(mediaType, out _))
        {
            var documented = string.Join(", ", content.EnumerateObject().Select(p => p.Name));
            return $"{operationName} {status} came as '{mediaType}', the document says {documented}. Body: {Show(body)}";
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return null; // a page (the unsubscribe confirmation): its media type is what the document says; no schema
        }

        var pointer = $"/paths/{Escape(template!)}/{method.ToLowerInvariant()}/responses/{statusText}/content/" +
                      $"{Escape(mediaType)}/schema";
        return CheckBody(operationName, status, pointer, mediaType, mediaType, body);
    }

    private string? CheckBody(string operationName, int status, string schemaPointer, string? mediaType,
        string expectedMediaType, ReadOnlySpan<byte> body)
    {
        if (mediaType != expectedMediaType)
        {
            return $"{operationName} {status} came as '{mediaType}', the document says {expectedMediaType}. Body: {Show(body)}";
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return $"{operationName} {status}: the body is not JSON ({e.Message}): {Show(body)}";
        }

        using (json)
        {
            var results = SchemaAt(schemaPointer).Evaluate(json.RootElement, Evaluation);
            if (results.IsValid)
            {
                return null;
            }

            var errors = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.SchemaLocation}): {e.Value}"));
            return $"{operationName} {status}: the body does not match the document's schema.{Environment.NewLine}" +
                   $"{string.Join(Environment.NewLine, errors)}{Environment.NewLine}Body: {Show(body)}";
        }
    }

    private JsonSchema SchemaAt(string pointer) => _schemas.GetOrAdd(pointer, p =>
    {
        // A schema that only points into the registered document, so its $refs resolve as the document's do.
        var reference = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["$ref"] = $"{DocumentUri}#{Uri.EscapeDataString(p).Replace("%2F", "/", StringComparison.Ordinal)}",
        });
        // The built schema keeps the element it was built from, so it gets its own document that is never disposed.
        var wrapper = JsonSerializer.Deserialize<JsonElement>(reference);
        return JsonSchema.Build(wrapper, _build,
            new Uri($"https://cart.test/check/{Interlocked.Increment(ref _built)}"));
    });

    private (string? Template, JsonElement? Item) FindPath(string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        foreach (var candidate in _paths.EnumerateObject())
        {
            var template = candidate.Name.Split('/');
            if (template.Length == segments.Length && template.Zip(segments).All(pair =>
                    pair.First.StartsWith('{') ? pair.Second.Length > 0 : pair.First == pair.Second))
            {
                return (candidate.Name, candidate.Value);
            }
        }

        return (null, null);
    }

    private static string Escape(string pointerToken) =>
        pointerToken.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Show(ReadOnlySpan<byte> body) =>
        body.IsEmpty ? "(empty)" : Encoding.UTF8.GetString(body[..Math.Min(body.Length, 2000)]);
}
