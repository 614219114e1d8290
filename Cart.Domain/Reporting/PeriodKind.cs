namespace Cart.Domain.Reporting;

/// <summary>The spans a roll-up covers. Stored; never rename one.</summary>
public enum PeriodKind
{
    /// <summary>One UTC hour, [start, start + 1 h).</summary>
    Hour,

    /// <summary>One UTC day, [midnight, next midnight).</summary>
    Day,

    /// <summary>What stands now (units held by SKU): one set of figures, replaced by each run.</summary>
    Snapshot,
}
