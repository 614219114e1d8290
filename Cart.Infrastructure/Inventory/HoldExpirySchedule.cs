using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Inventory;

/// <summary>Runs <see cref="HoldExpirySweep"/> every <see cref="InventoryOptions.ExpirySweepInterval"/>.</summary>
internal sealed class HoldExpirySchedule(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<InventoryOptions> options,
    ILogger<HoldExpirySchedule> logger) : RecurringPass(scopes, clock, logger)
{
    protected override TimeSpan Interval => options.Value.ExpirySweepInterval;

    protected override string Description => "released lapsed stock holds";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<HoldExpirySweep>().ReleaseLapsedAsync(cancellationToken);
}
