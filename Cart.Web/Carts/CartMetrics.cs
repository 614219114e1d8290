using System.Diagnostics.Metrics;

namespace Cart.Web.Carts;

/// <summary>
/// Cart operations by operation (the endpoint's name) and outcome (<c>success</c>, or the problem <c>code</c> the
/// client got). Exported to Prometheus as <c>cart_operations_total{operation, outcome}</c>.
/// </summary>
public sealed class CartMetrics
{
    public const string MeterName = "Cart";
    public const string Success = Platform.Telemetry.RequestOutcome.Success;

    private readonly Counter<long> _operations;

    public CartMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _operations = meter.CreateCounter<long>("cart.operations", unit: "{operation}",
            description: "Cart operations by operation and outcome (success or the problem code).");
    }

    public void Operation(string operation, string outcome) =>
        _operations.Add(1, new("operation", operation), new("outcome", outcome));
}
