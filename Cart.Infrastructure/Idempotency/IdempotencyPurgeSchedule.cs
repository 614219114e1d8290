using Cart.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Idempotency;

/// <summary>
/// Runs <see cref="IdempotencyRecordPurge"/> every <see cref="IdempotencyOptions.PurgeInterval"/> on every instance
/// (passes on two instances overlap harmlessly: a row is deleted once).
/// </summary>
internal sealed class IdempotencyPurgeSchedule(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyPurgeSchedule> logger) : RecurringPass(scopes, clock, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override string Description => "deleted Idempotency-Key records past their 24 hours";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IdempotencyRecordPurge>().PurgeExpiredAsync(cancellationToken);
}
