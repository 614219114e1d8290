using Cart.Infrastructure.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>The resilience pipelines as the host registers them, on their own, for tests of one pipeline's figures.</summary>
internal static class TestResilience
{
    /// <summary>
    /// A container with the pipelines, <paramref name="settings"/> as configuration and the retries' pauses on
    /// <paramref name="waits"/>; <paramref name="configure"/> adds what the test needs besides.
    /// </summary>
    public static ServiceProvider Services(TimeProvider waits, IEnumerable<(string Key, string Value)> settings,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());
        services.AddKeyedSingleton(ResiliencePipelines.RealTimeClock, waits);
        configure?.Invoke(services);
        services.AddCartResilience();
        return services.BuildServiceProvider();
    }
}
