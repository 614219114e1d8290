using Cart.Domain.Reporting;

namespace Cart.Infrastructure.Reporting;

/// <summary>
/// One rolled-up period (<c>metric_rollup_periods</c>): when its figures were computed and whether they are final. Its
/// row is the lock writers of the period take, and the guard that keeps an older computation from replacing a newer.
/// </summary>
public sealed class RollupPeriodRow
{
    private RollupPeriodRow()
    {
    }

    public RollupPeriodRow(PeriodKind kind, DateTimeOffset start, DateTimeOffset asOf)
    {
        Kind = kind;
        Start = start;
        AsOf = asOf;
    }

    public PeriodKind Kind { get; private set; }

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    public bool IsFinal { get; private set; }
}

/// <summary>One figure of one period (<c>metric_rollups</c>), a tall row: new figures need no schema change.</summary>
public sealed class MetricRollupRow
{
    private MetricRollupRow()
    {
        Metric = string.Empty;
        Dimension = string.Empty;
    }

    public MetricRollupRow(PeriodKind kind, DateTimeOffset start, MetricFigure figure)
    {
        Kind = kind;
        Start = start;
        Metric = figure.Metric;
        Dimension = figure.Dimension;
        Value = figure.Value;
    }

    public PeriodKind Kind { get; private set; }

    public DateTimeOffset Start { get; private set; }

    public string Metric { get; private set; }

    public string Dimension { get; private set; }

    public decimal Value { get; private set; }

    public MetricFigure ToFigure() => new(Metric, Dimension, Value);
}
