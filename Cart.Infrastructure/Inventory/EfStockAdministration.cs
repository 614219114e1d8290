using System.Runtime.CompilerServices;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Inventory;

/// <summary>
/// The console's reads of stock and holds. Every figure counts live holds only (active, lapsing after now), read through
/// the active-holds indexes: their number is bounded by the carts changed within one hold duration (the sweep marks
/// the others expired), not by the number of carts, so the per-SKU aggregate stays small at millions of carts.
/// The list joins the Catalog's products table for names: a read-only report across the two tables the page shows,
/// which a call per SKU through the catalog could neither search by name nor sort on the server. It is one of the
/// named exceptions to "a module's tables are its own" (docs/ARCHITECTURE.md); the holders of a SKU come from the
/// Carts module through <see cref="ICartDirectory"/>.
/// </summary>
internal sealed class EfStockAdministration(CartDbContext db, ICartTimeline timeline, ICartDirectory carts)
    : IStockAdministration
{
    public async Task<(IReadOnlyList<SkuStockFigures> Items, int Total)> PageAsync(StockFilter filter, int page,
        int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = Figures(filter, now);
        var total = await query.CountAsync(cancellationToken);
        var items = await Sorted(query, filter)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return (items.Select(ToFigures).ToList(), total);
    }

    public async IAsyncEnumerable<SkuStockFigures> StreamAsync(StockFilter filter, DateTimeOffset now,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Sorted(Figures(filter, now), filter).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            yield return ToFigures(row);
        }
    }

    public async Task<IReadOnlyDictionary<string, SkuStockFigures>> FiguresAsync(IReadOnlyCollection<string> skus,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return new Dictionary<string, SkuStockFigures>();
        }

        var rows = await Figures(new StockFilter(), now).Where(r => skus.Contains(r.Sku)).ToListAsync(cancellationToken);
        return rows.Select(ToFigures).ToDictionary(f => f.Sku, StringComparer.Ordinal);
    }

    public async Task<(IReadOnlyList<SkuHolder> Items, int Total)> HoldersAsync(string sku, int page, int pageSize,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // ix_stock_holds_active_sku_expiry: one range of the SKU's live holds, already in expiry order.
        var live = db.StockHolds().AsNoTracking()
            .Where(h => h.Sku == sku && h.Status == HoldStatus.Active && h.ExpiresAt > now);
        var total = await live.CountAsync(cancellationToken);
        var holds = await live
            .OrderBy(h => h.ExpiresAt).ThenBy(h => h.CartId)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(h => new { h.CartId, h.Quantity, h.ExpiresAt })
            .ToListAsync(cancellationToken);
        // Whose each cart is, from the Carts module: one read by key for the page. A hold whose cart is gone (deleted
        // between the two reads) is left out, as the join it replaces left it out.
        var owners = await carts.FindAsync(holds.ConvertAll(h => h.CartId), cancellationToken);
        var items = new List<SkuHolder>(holds.Count);
        foreach (var hold in holds)
        {
            if (owners.TryGetValue(hold.CartId, out var cart))
            {
                items.Add(new SkuHolder(hold.CartId, cart.Owner.Kind, cart.Owner.Id, hold.Quantity, hold.ExpiresAt,
                    cart.Version));
            }
        }

        return (items, total);
    }

    public Task<OnHandChange> SetOnHandAsync(string sku, int expectedOnHand, int onHand, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        StockOnHand.SetAsync(db, timeline, sku, expectedOnHand, onHand, now, cancellationToken);

    private IQueryable<FigureRow> Figures(StockFilter filter, DateTimeOffset now)
    {
        var soon = now + SkuStockFigures.ExpiringWindow;
        var live = db.StockHolds()
            .Where(h => h.Status == HoldStatus.Active && h.ExpiresAt > now)
            .GroupBy(h => h.Sku)
            .Select(g => new
            {
                Sku = g.Key,
                Held = g.Sum(h => h.Quantity),
                Expiring = g.Sum(h => h.ExpiresAt <= soon ? h.Quantity : 0),
                Carts = g.Count(),
            });
        var rows =
            from s in db.Stock().AsNoTracking()
            join p in db.Products().AsNoTracking() on s.Sku equals p.Sku into products
            from p in products.DefaultIfEmpty()
            join f in live on s.Sku equals f.Sku into figures
            from f in figures.DefaultIfEmpty()
            select new FigureRow
            {
                Sku = s.Sku,
                Name = p.Name,
                OnHand = s.OnHand,
                Held = (int?)f.Held ?? 0,
                Expiring = (int?)f.Expiring ?? 0,
                Carts = (int?)f.Carts ?? 0,
            };
        // The catalog's one search rule; a SKU without a product matches by its SKU.
        return ProductSearch.Term(filter.Search) is { } term
            ? rows.Where(ProductSearch.Matching<FigureRow>(term, r => r.Sku, r => r.Name))
            : rows;
    }

    private static IQueryable<FigureRow> Sorted(IQueryable<FigureRow> rows, StockFilter filter) =>
        (filter.Sort, filter.Descending) switch
        {
            (StockSort.Held, false) => rows.OrderBy(r => r.Held).ThenBy(r => r.Sku),
            (StockSort.Held, true) => rows.OrderByDescending(r => r.Held).ThenBy(r => r.Sku),
            (StockSort.Available, false) => rows.OrderBy(r => r.OnHand - r.Held).ThenBy(r => r.Sku),
            (StockSort.Available, true) => rows.OrderByDescending(r => r.OnHand - r.Held).ThenBy(r => r.Sku),
            (_, true) => rows.OrderByDescending(r => r.Sku),
            _ => rows.OrderBy(r => r.Sku),
        };

    private static SkuStockFigures ToFigures(FigureRow r) =>
        new(r.Sku, r.Name, r.OnHand, r.Held, r.OnHand - r.Held, r.Expiring, r.Carts);

    private sealed class FigureRow
    {
        public required string Sku { get; init; }

        public string? Name { get; init; }

        public int OnHand { get; init; }

        public int Held { get; init; }

        public int Expiring { get; init; }

        public int Carts { get; init; }
    }
}
