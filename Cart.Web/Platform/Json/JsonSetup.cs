using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Cart.Web.Platform.Json;

internal static class JsonSetup
{
    /// <summary>
    /// Strict JSON in, per API.md: numbers are numbers ("2" is not 2), fields not in the contract are refused, required
    /// members must be present and non-null, and a member given twice is refused. Field names are exact: ASP.NET
    /// Core's web defaults would bind <c>"SKU"</c> to <c>sku</c>, which the contract does not name.
    /// </summary>
    public static void Configure(JsonOptions options)
    {
        var json = options.SerializerOptions;
        json.PropertyNameCaseInsensitive = false;
        json.NumberHandling = JsonNumberHandling.Strict;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.RespectNullableAnnotations = true;
        json.RespectRequiredConstructorParameters = true;
        json.AllowDuplicateProperties = false;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        json.Converters.Add(new UtcTimestampConverter());
    }
}

/// <summary>Writes times as ISO 8601 UTC with a Z (<c>2026-11-24T18:30:00Z</c>), as API.md shows them.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString(Format, System.Globalization.CultureInfo.InvariantCulture));
}
