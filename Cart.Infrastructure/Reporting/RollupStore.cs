using Cart.Domain.Reporting;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Reporting;

/// <summary>
/// Writes a period's figures so that any number of writers, at once or one after another, leave one set of rows: the
/// newest computation's. The period's row is created once (a second creator's unique violation is expected and
/// ignored), then each write, in one transaction, updates that row only if its own computation is as new or newer and
/// the period is not final (the update locks the row, so writers of one period take turns), deletes the period's
/// figures and inserts its own. A writer that finds a newer or final row writes nothing.
/// </summary>
public sealed class RollupStore(CartDbContext db)
{
    /// <summary>Periods among <paramref name="periods"/> already final, which no run computes again.</summary>
    public async Task<HashSet<(PeriodKind, DateTimeOffset)>> FinalAmongAsync(IReadOnlyCollection<RollupPeriod> periods,
        CancellationToken cancellationToken)
    {
        var oldest = periods.Min(p => p.Start);
        var final = await db.RollupPeriods().AsNoTracking()
            .Where(p => p.IsFinal && p.Start >= oldest && p.Kind != PeriodKind.Snapshot)
            .Select(p => new { p.Kind, p.Start })
            .ToListAsync(cancellationToken);
        return final.Select(p => (p.Kind, p.Start)).ToHashSet();
    }

    /// <summary>Replaces the figures of (<paramref name="kind"/>, <paramref name="start"/>) with
    /// <paramref name="figures"/>, computed at <paramref name="asOf"/>; false when a newer or final roll-up is there.</summary>
    public async Task<bool> ReplaceAsync(PeriodKind kind, DateTimeOffset start, DateTimeOffset asOf, bool isFinal,
        IReadOnlyList<MetricFigure> figures, CancellationToken cancellationToken)
    {
        await EnsurePeriodRowAsync(kind, start, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.RollupPeriods()
            .Where(p => p.Kind == kind && p.Start == start && p.AsOf <= asOf && !p.IsFinal)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AsOf, asOf).SetProperty(p => p.IsFinal, isFinal),
                cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        await db.MetricRollups().Where(r => r.Kind == kind && r.Start == start).ExecuteDeleteAsync(cancellationToken);
        db.MetricRollups().AddRange(figures.Select(f => new MetricRollupRow(kind, start, f)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private async Task EnsurePeriodRowAsync(PeriodKind kind, DateTimeOffset start, CancellationToken cancellationToken)
    {
        if (await db.RollupPeriods().AnyAsync(p => p.Kind == kind && p.Start == start, cancellationToken))
        {
            return;
        }

        // Never computed: a time before any computation, so the first real write claims it.
        db.RollupPeriods().Add(new RollupPeriodRow(kind, start, DateTimeOffset.UnixEpoch));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another writer created it first: the row is all that was wanted.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
