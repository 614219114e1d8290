namespace Cart.Domain.Reporting;

/// <summary>One figure of a roll-up: a <see cref="MetricNames"/> name, its dimension (a currency, a SKU, or empty
/// for none) and its value.</summary>
public sealed record MetricFigure(string Metric, string Dimension, decimal Value)
{
    /// <summary>The dimension of a figure that has none.</summary>
    public const string NoDimension = "";
}

/// <summary>
/// The figures of one period as the roll-up job last computed them. <see cref="AsOf"/> is the time they were computed
/// at; <see cref="IsFinal"/> says the period had ended (with a margin for late commits) by then, so it no longer changes.
/// </summary>
public sealed record MetricPeriod(PeriodKind Kind, DateTimeOffset Start, DateTimeOffset AsOf, bool IsFinal,
    IReadOnlyList<MetricFigure> Figures)
{
    /// <summary>The value of <paramref name="metric"/> (of <paramref name="dimension"/>), or null when absent.</summary>
    public decimal? Value(string metric, string dimension = MetricFigure.NoDimension) =>
        Figures.FirstOrDefault(f => f.Metric == metric && f.Dimension == dimension)?.Value;

    /// <summary>The figures of <paramref name="metric"/> by dimension (a currency, a SKU).</summary>
    public IReadOnlyDictionary<string, decimal> ByDimension(string metric) =>
        Figures.Where(f => f.Metric == metric).ToDictionary(f => f.Dimension, f => f.Value, StringComparer.Ordinal);
}
