using Cart.Domain.Carts;
using Cart.Domain.Inventory;
using Cart.Domain.Reporting;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Checkout;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Reporting;

/// <summary>
/// Computes the figures of one period from the source tables, each with a range query on an index by time
/// (<c>cart_events (at, type)</c>, <c>carts (created_at)</c>) or on the active holds. Reporting is a read-only
/// projection over every module's tables: only this job reads them, readers of the figures read the roll-ups.
/// docs/DESIGN.md ("Roll-ups and business metrics") defines each figure.
/// </summary>
public sealed class RollupCalculator(CartDbContext db, IOptions<ReportingOptions> options)
{
    /// <summary>Entries that put items into a cart, or check one out (which had items): "a cart with items".</summary>
    private static readonly string[] ItemActivity =
    [
        CartActivityTypes.ItemAdded, CartActivityTypes.QuantityChanged, CartActivityTypes.MergedIn,
        CartActivityTypes.CheckedOut,
    ];

    public async Task<IReadOnlyList<MetricFigure>> ComputeAsync(RollupPeriod period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.Start, period.End);
        var events = db.CartEvents().AsNoTracking().Where(e => e.At >= start && e.At < end);
        var figures = new List<MetricFigure>();

        var created = await db.Carts().AsNoTracking().CountAsync(c => c.CreatedAt >= start && c.CreatedAt < end,
            cancellationToken);
        var active = await events.Where(e => e.ActorKind == ActorKind.Shopper)
            .Select(e => e.CartId).Distinct().CountAsync(cancellationToken);
        var withItems = CartsWithItems(events, start, end);
        var withItemsCount = await withItems.CountAsync(cancellationToken);
        var checkouts = await events.CountAsync(e => e.Type == CartActivityTypes.CheckedOut, cancellationToken);

        figures.Add(Count(MetricNames.CartsCreated, created));
        figures.Add(Count(MetricNames.ActiveCarts, active));
        figures.Add(Count(MetricNames.CartsWithItems, withItemsCount));
        figures.Add(Count(MetricNames.Checkouts, checkouts));
        if (withItemsCount > 0)
        {
            figures.Add(Ratio(MetricNames.AbandonmentRate, withItemsCount - checkouts, withItemsCount));
        }

        if (active > 0)
        {
            figures.Add(Ratio(MetricNames.CheckoutConversion, checkouts, active));
        }

        figures.AddRange(await CartAveragesAsync(withItems, cancellationToken));
        figures.AddRange(await AbandonedUnitsAsync(withItems, events, cancellationToken));
        figures.Add(Count(MetricNames.RemindersSent,
            await events.CountAsync(e => e.Type == CartActivityTypes.ReminderSent, cancellationToken)));
        figures.Add(Count(MetricNames.ReminderLinksOpened,
            await events.CountAsync(e => e.Type == CartActivityTypes.ReminderLinkOpened, cancellationToken)));
        figures.Add(Count(MetricNames.RecoveredCarts,
            await events.CountAsync(e => e.Type == CartActivityTypes.CartRecovered, cancellationToken)));
        figures.AddRange(await RecoveredRevenueAsync(events, cancellationToken));
        return figures;
    }

    /// <summary>Units held now by active, unexpired holds, by SKU: the <see cref="ReportingOptions.HeldSkus"/> SKUs
    /// with the most.</summary>
    public async Task<IReadOnlyList<MetricFigure>> HeldUnitsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = await db.StockHolds().AsNoTracking()
            .Where(h => h.Status == HoldStatus.Active && h.ExpiresAt > now)
            .GroupBy(h => h.Sku)
            .Select(g => new { Sku = g.Key, Units = g.Sum(h => h.Quantity) })
            .OrderByDescending(s => s.Units).ThenBy(s => s.Sku)
            .Take(options.Value.HeldSkus)
            .ToListAsync(cancellationToken);
        return held.Select(s => new MetricFigure(MetricNames.UnitsHeld, s.Sku, s.Units)).ToList();
    }

    /// <summary>The ids of the carts with items in the period: an entry of <see cref="ItemActivity"/> in it, and not
    /// merged away in it (a guest cart whose lines moved into the shopper's cart at login is counted there).</summary>
    private IQueryable<string> CartsWithItems(IQueryable<CartEvent> events, DateTimeOffset start, DateTimeOffset end) =>
        events.Where(e => ItemActivity.Contains(e.Type))
            .Where(e => !db.CartEvents().Any(m => m.CartId == e.CartId && m.Type == CartActivityTypes.MergedAway
                                                && m.At >= start && m.At < end))
            .Select(e => e.CartId)
            .Distinct();

    /// <summary>Average lines and value (by currency) of the period's carts with items that hold lines, with their
    /// lines as they stand at the computation (a checked-out cart keeps the lines it was sold with).</summary>
    private async Task<IEnumerable<MetricFigure>> CartAveragesAsync(IQueryable<string> cartIds,
        CancellationToken cancellationToken)
    {
        var byCurrency = await db.Carts().AsNoTracking()
            .Where(c => cartIds.Contains(c.Id) && c.Currency != null)
            .SelectMany(c => c.Lines, (c, l) => new { c.Id, c.Currency, Total = l.UnitPrice * l.Quantity })
            .GroupBy(x => x.Currency!)
            .Select(g => new
            {
                Currency = g.Key,
                Carts = g.Select(x => x.Id).Distinct().Count(),
                Lines = g.Count(),
                Value = g.Sum(x => x.Total),
            })
            .ToListAsync(cancellationToken);
        var carts = byCurrency.Sum(c => c.Carts);
        if (carts == 0)
        {
            return [];
        }

        return byCurrency.OrderBy(c => c.Currency, StringComparer.Ordinal)
            .Select(c => new MetricFigure(MetricNames.AverageCartValue, c.Currency, Round(c.Value / c.Carts)))
            .Prepend(new MetricFigure(MetricNames.AverageLinesPerCart, MetricFigure.NoDimension,
                Round((decimal)byCurrency.Sum(c => c.Lines) / carts)));
    }

    /// <summary>Units of the lines of the period's carts with items that were not checked out in it, by SKU, as the
    /// lines stand at the computation: the <see cref="ReportingOptions.AbandonedSkus"/> SKUs with the most.</summary>
    private async Task<IEnumerable<MetricFigure>> AbandonedUnitsAsync(IQueryable<string> cartIds,
        IQueryable<CartEvent> events, CancellationToken cancellationToken)
    {
        var abandoned = await db.CartLines().AsNoTracking()
            .Where(l => cartIds.Contains(l.CartId)
                        && !events.Any(e => e.CartId == l.CartId && e.Type == CartActivityTypes.CheckedOut))
            .GroupBy(l => l.Sku)
            .Select(g => new { Sku = g.Key, Units = g.Sum(l => l.Quantity) })
            .OrderByDescending(s => s.Units).ThenBy(s => s.Sku)
            .Take(options.Value.AbandonedSkus)
            .ToListAsync(cancellationToken);
        return abandoned.Select(s => new MetricFigure(MetricNames.AbandonedUnits, s.Sku, s.Units));
    }

    /// <summary>The totals of the orders the period's <c>cart_recovered</c> entries name, by currency.</summary>
    private async Task<IEnumerable<MetricFigure>> RecoveredRevenueAsync(IQueryable<CartEvent> events,
        CancellationToken cancellationToken)
    {
        var revenue = await events.Where(e => e.Type == CartActivityTypes.CartRecovered)
            .Join(db.Orders().AsNoTracking(), e => e.Detail, o => o.Id, (e, o) => new { o.Currency, o.Total })
            .GroupBy(x => x.Currency)
            .Select(g => new { Currency = g.Key, Total = g.Sum(x => x.Total) })
            .ToListAsync(cancellationToken);
        return revenue.OrderBy(r => r.Currency, StringComparer.Ordinal)
            .Select(r => new MetricFigure(MetricNames.RecoveredRevenue, r.Currency, r.Total));
    }

    private static MetricFigure Count(string metric, int count) => new(metric, MetricFigure.NoDimension, count);

    private static MetricFigure Ratio(string metric, int part, int whole) =>
        new(metric, MetricFigure.NoDimension, Round((decimal)part / whole));

    /// <summary>The stored scale (decimal(19,4)).</summary>
    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
