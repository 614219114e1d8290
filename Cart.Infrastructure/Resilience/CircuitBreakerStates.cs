using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace Cart.Infrastructure.Resilience;

/// <summary>
/// The current state of each dependency's circuit breaker, as the gauge <c>cart.resilience.circuit_breaker.state</c>
/// (0 closed, 1 open, 2 half-open, 3 isolated) by dependency: Polly's metrics count the openings and closings, not
/// where a breaker is now.
/// </summary>
public sealed class CircuitBreakerStates
{
    public const string MeterName = "Cart.Resilience";

    public CircuitBreakerStates(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("cart.resilience.circuit_breaker.state", Observe, unit: "{state}",
            description: "The state of the circuit breaker in front of a dependency: 0 closed, 1 open, 2 half-open, " +
                         "3 isolated.");
    }

    /// <summary>The breaker in front of Redis (<see cref="ResiliencePipelines.Redis"/>).</summary>
    public CircuitBreakerStateProvider Redis { get; } = new();

    /// <summary>The breaker in front of the SMTP server (<see cref="ResiliencePipelines.Smtp"/>), when it is on.</summary>
    public CircuitBreakerStateProvider Smtp { get; } = new();

    private IEnumerable<Measurement<int>> Observe()
    {
        // A breaker not built yet (nothing has called its dependency) is closed.
        yield return new Measurement<int>((int)Redis.CircuitState, new KeyValuePair<string, object?>("dependency", "redis"));
        yield return new Measurement<int>((int)Smtp.CircuitState, new KeyValuePair<string, object?>("dependency", "smtp"));
    }
}
