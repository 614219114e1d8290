using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace Cart.Web.Platform.Telemetry;

/// <summary>Where traces, metrics and logs go besides the console and <c>/metrics</c>.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute of every trace, metric and log.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServiceName { get; set; } = "cart";

    /// <summary>
    /// An OTLP collector (<c>http://otel-collector:4317</c>); empty for none. Without it the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is honoured; with neither, nothing is exported over OTLP.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318) for <see cref="OtlpEndpoint"/>.</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    public bool HasOtlpEndpoint => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public Uri? OtlpEndpointUri =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HasOtlpEndpoint && OtlpEndpointUri is null)
        {
            yield return new ValidationResult("Telemetry:OtlpEndpoint must be an absolute http(s) URL.",
                [nameof(OtlpEndpoint)]);
        }
    }
}
