using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Registry;

namespace Cart.Tests.Infrastructure;

/// <summary>The pipelines as the host registers them: what they report, and where.</summary>
public sealed class ResiliencePipelinesTests
{
    [Fact]
    public async Task Execute_WhenAnAttemptSucceeds_ReportsAMetricAndLogsNothing()
    {
        await using var services = Services();
        using var durations = new MetricCollector<double>(null, "Polly", "resilience.polly.pipeline.duration");
        var pipeline = services.GetRequiredService<ResiliencePipelineProvider<string>>()
            .GetPipeline<object?>(ResiliencePipelines.DatabaseWrites);

        for (var i = 0; i < 3; i++)
        {
            await pipeline.ExecuteAsync(_ => ValueTask.FromResult<object?>("committed"));
        }

        Assert.Contains(durations.GetMeasurementSnapshot(),
            m => m.Tags.TryGetValue("pipeline.name", out var pipelineName) && (string?)pipelineName == ResiliencePipelines.DatabaseWrites);
        Assert.Empty(services.GetFakeLogCollector().GetSnapshot());
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddKeyedSingleton<TimeProvider>(ResiliencePipelines.RealTimeClock, new FakeTimeProvider());
        services.AddCartResilience();
        return services.BuildServiceProvider();
    }
}
