using Cart.Domain.Reporting;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;

namespace Cart.Web.Admin.Dashboard;

/// <summary>The dashboard's figures for <see cref="Period"/> beside the period before.</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record ReadDashboard(DashboardPeriod Period) : IConsoleAction<DashboardReport>
{
    public async Task<ConsoleResult<DashboardReport>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        ConsoleResult<DashboardReport>.Done(await call.Get<DashboardService>().ReportAsync(Period, cancellationToken));
}

/// <summary>Every stored figure of <see cref="Period"/>'s roll-ups and the latest snapshot, for the CSV export.</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record ReadDashboardFigures(DashboardPeriod Period) : IConsoleAction<IReadOnlyList<MetricPeriod>>
{
    public async Task<ConsoleResult<IReadOnlyList<MetricPeriod>>> RunAsync(ConsoleCall call,
        CancellationToken cancellationToken) =>
        ConsoleResult<IReadOnlyList<MetricPeriod>>.Done(
            await call.Get<DashboardService>().FiguresAsync(Period, cancellationToken));
}
