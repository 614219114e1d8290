using System.Diagnostics.Metrics;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cart.Web.Platform.Telemetry;

/// <summary>
/// Logs, traces and metrics. Traces: ASP.NET Core, HttpClient, EF Core and Redis, sent over OTLP only when a collector
/// is configured. Metrics: ASP.NET Core (<c>http.server.request.duration</c>), runtime, Npgsql's connection pool and
/// the service's own meters, scraped at <c>/metrics</c> (and sent over OTLP too when configured). Logs: JSON lines
/// with the trace and span ids (never the request path), outside Development; one line per API call from
/// <see cref="RequestLogMiddleware"/>.
/// </summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>Where ASP.NET Core starts the activity of each request.</summary>
    private const string AspNetCoreActivitySource = "Microsoft.AspNetCore";

    public static WebApplicationBuilder AddCartTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()
                      ?? new TelemetryOptions();
        var redis = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();

        AddLogs(builder);
        services.AddTransient<IStartupFilter, RequestLogStartupFilter>();
        services.PostConfigure<ProblemDetailsOptions>(RecordProblemCodes);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName,
                serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => KeepToThisHost(metrics)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CacheMetrics.MeterName)
                .AddResilienceMeters()
                .AddPrometheusExporter());

        var otlpFromEnvironment = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (options.OtlpEndpointUri is null && !otlpFromEnvironment)
        {
            // No collector to send spans to: recording them would only cost CPU on every request. Each request still
            // gets its activity (sampled out, so nothing is recorded), whose trace id the logs and problems carry.
            telemetry.WithTracing(tracing => tracing.AddSource(AspNetCoreActivitySource).SetSampler(new AlwaysOffSampler()));
            return builder;
        }

        telemetry.WithTracing(tracing =>
        {
            tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationsTraffic(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation();
            if (redis.IsConfigured)
            {
                // The one IConnectionMultiplexer the cache registers, resolved from the container.
                tracing.AddRedisInstrumentation();
            }
        });
        if (options.OtlpEndpointUri is { } endpoint)
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol, endpoint);
        }
        else
        {
            // The standard OTEL_EXPORTER_OTLP_* variables (endpoint, protocol, headers) configure it.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    public static WebApplication MapCartMetrics(this WebApplication app)
    {
        // Scrapes are neither API traffic to measure nor callers to rate-limit. The route is anonymous: expose it
        // to the monitoring network only (README, "Operating it").
        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .AllowAnonymous()
            .DisableHttpMetrics()
            .DisableRateLimiting();
        return app;
    }

    /// <summary>Health probes and scrapes: kept out of traces and of the request metrics the alerts watch.</summary>
    public static bool IsOperationsTraffic(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    private static void AddLogs(WebApplicationBuilder builder)
    {
        // Every line carries the trace and span of the request it belongs to (as a scope).
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // ASP.NET Core opens a RequestId/RequestPath scope on every request while this category logs at any level,
        // and every line of the request would carry the path (SKUs, later the tokens of reminder links). There is
        // no other switch for that scope; the category's own lines (request starting and finished) are not wanted
        // either. The TraceId scope ties a request's lines together instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        if (builder.Environment.IsDevelopment())
        {
            return;
        }

        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
    }

    /// <summary>Remembers the <c>code</c> of every problem written, for the request log's outcome.</summary>
    private static void RecordProblemCodes(ProblemDetailsOptions options)
    {
        var customize = options.CustomizeProblemDetails;
        options.CustomizeProblemDetails = context =>
        {
            customize?.Invoke(context);
            if (context.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string text)
            {
                RequestOutcome.Set(context.HttpContext, text);
            }
        };
    }

    /// <summary>
    /// Polly's metrics (retries, breaker openings and closings, durations of each pipeline, enriched by
    /// Microsoft.Extensions.Resilience) and the state of each circuit breaker, there from the start.
    /// </summary>
    private static MeterProviderBuilder AddResilienceMeters(this MeterProviderBuilder metrics)
    {
        ((IDeferredMeterProviderBuilder)metrics).Configure((services, _) =>
            services.GetRequiredService<CircuitBreakerStates>());
        return metrics.AddMeter(PollyMeterName, CircuitBreakerStates.MeterName);
    }

    private const string PollyMeterName = "Polly";

    /// <summary>
    /// A meter listener sees the meters of every host in the process. In production there is one host, but tests run
    /// several side by side: each host's <c>/metrics</c> keeps to the meters its own container created (and to the
    /// process-wide ones, such as the runtime's).
    /// </summary>
    private static MeterProviderBuilder KeepToThisHost(MeterProviderBuilder metrics)
    {
        ((IDeferredMeterProviderBuilder)metrics).Configure((services, provider) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            provider.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own)
                ? MetricStreamConfiguration.Drop
                : null);
        });
        return metrics;
    }
}
