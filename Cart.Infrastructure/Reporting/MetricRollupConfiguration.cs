using Cart.Domain.Common;
using Cart.Domain.Reporting;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Reporting;

internal sealed class RollupPeriodConfiguration : IEntityTypeConfiguration<RollupPeriodRow>
{
    public void Configure(EntityTypeBuilder<RollupPeriodRow> builder)
    {
        builder.ToTable("metric_rollup_periods");
        builder.HasKey(p => new { p.Kind, p.Start });
        builder.Property(p => p.Kind).HasColumnName("period_kind")
            .HasConversion(ColumnConversions.LowerCaseEnum<PeriodKind>()).HasMaxLength(16);
        builder.Property(p => p.Start).HasColumnName("period_start");
    }
}

internal sealed class MetricRollupConfiguration : IEntityTypeConfiguration<MetricRollupRow>
{
    public void Configure(EntityTypeBuilder<MetricRollupRow> builder)
    {
        builder.ToTable("metric_rollups");
        // The key is also the readers' index: a period's figures, a range of periods of one kind.
        builder.HasKey(r => new { r.Kind, r.Start, r.Metric, r.Dimension });
        builder.Property(r => r.Kind).HasColumnName("period_kind")
            .HasConversion(ColumnConversions.LowerCaseEnum<PeriodKind>()).HasMaxLength(16);
        builder.Property(r => r.Start).HasColumnName("period_start");
        builder.Property(r => r.Metric).HasMaxLength(48);
        builder.Property(r => r.Dimension).HasMaxLength(Sku.MaxLength);
        builder.Property(r => r.Value).HasPrecision(ColumnConversions.MoneyPrecision, ColumnConversions.MoneyScale);
    }
}
