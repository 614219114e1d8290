using Cart.Domain.Reporting;
using Cart.Infrastructure.Reporting;
using Microsoft.Extensions.Options;

namespace Cart.Web.Reporting;

/// <summary>
/// Reads the latest day, hour and snapshot roll-ups into <see cref="BusinessMetrics"/> at start and then every
/// <see cref="ReportingOptions.MetricsRefreshInterval"/>: two small reads on the roll-up table's key per interval and
/// instance, however often Prometheus scrapes. A failed read keeps the figures it had and tries again next interval.
/// </summary>
internal sealed partial class LatestRollupsRefresher(
    IServiceScopeFactory scopes,
    BusinessMetrics metrics,
    IOptions<ReportingOptions> options,
    TimeProvider clock,
    ILogger<LatestRollupsRefresher> logger) : BackgroundService
{
    private static readonly PeriodKind[] Kinds = [PeriodKind.Day, PeriodKind.Hour, PeriodKind.Snapshot];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }

            await Task.Delay(options.Value.MetricsRefreshInterval, clock, stoppingToken);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rollups = scope.ServiceProvider.GetRequiredService<IMetricRollups>();
        var periods = new List<MetricPeriod>();
        foreach (var kind in Kinds)
        {
            if (await rollups.LatestAsync(kind, cancellationToken) is { } period)
            {
                periods.Add(period);
            }
        }

        metrics.Replace(periods);
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the latest roll-ups; /metrics keeps the figures it had")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
