using System.Text.Json;

namespace Cart.Web.Platform.Problems;

/// <summary>
/// What a JSON body holds, as far as it reads: whether it is an object, its top-level field names, and the fields
/// (as <c>a.b</c> paths) given twice or given as null. Read again after the serializer refused the body, to say
/// what was wrong with it.
/// </summary>
internal sealed class JsonBodyFacts
{
    public bool IsObject { get; private set; }

    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Duplicated { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Nulls { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The request's body from its start, or null when it cannot be read again. API bodies are buffered by the body
    /// limit, so this reads at most 16 KB.
    /// </summary>
    public static async Task<JsonBodyFacts?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek)
        {
            return null;
        }

        request.Body.Position = 0;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        return Of(body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    public static JsonBodyFacts Of(ReadOnlySpan<byte> json)
    {
        var facts = new JsonBodyFacts();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                facts.IsObject = true;
                facts.ReadObject(ref reader, prefix: null);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Beyond the point where the serializer stopped, the body need not be JSON, nor its strings text (a lone
            // surrogate such as \udc00 cannot be read as a string): what was read so far stands.
        }

        return facts;
    }

    private void ReadObject(ref Utf8JsonReader reader, string? prefix)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var path = prefix is null ? name : $"{prefix}.{name}";
            if (prefix is null)
            {
                Names.Add(name);
            }

            if (!seen.Add(name))
            {
                Duplicated.Add(path);
            }

            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    Nulls.Add(path);
                    break;
                case JsonTokenType.StartObject:
                    ReadObject(ref reader, path);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }
}
