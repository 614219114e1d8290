using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Reporting;

/// <summary>The Reporting module's roll-ups: the periods rolled up and their figures.</summary>
public static class ReportingTables
{
    public static DbSet<RollupPeriodRow> RollupPeriods(this CartDbContext db) => db.Set<RollupPeriodRow>();

    public static DbSet<MetricRollupRow> MetricRollups(this CartDbContext db) => db.Set<MetricRollupRow>();
}
