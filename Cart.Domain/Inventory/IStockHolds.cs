namespace Cart.Domain.Inventory;

/// <summary>
/// What the Inventory module offers the others: soft holds of stock for carts, and free stock for the catalog.
/// Every call runs inside the caller's open transaction, so a hold commits or rolls back with the cart change.
/// </summary>
public interface IStockHolds
{
    /// <summary>The caps on units held, by owner kind (bots must not tie up stock).</summary>
    HoldLimits Limits { get; }

    /// <summary>
    /// Sets each named cart's hold of each named SKU to the requested quantity (0 releases it), renewing its expiry
    /// within the hold's lifetime. What a holder holds of a SKU over all its carts stays within its budget: a request
    /// beyond it holds what is left (like the per-cart caps, never refused for it).
    /// A strict request that cannot be covered from free stock is collected; when any is, nothing is changed and
    /// an <c>insufficient_stock</c> <see cref="Common.DomainException"/> lists them all. A non-strict request holds what is free.
    /// </summary>
    Task<IReadOnlyList<HoldResult>> ApplyAsync(IReadOnlyList<HoldRequest> requests, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>
    /// Turns a cart's holds into a sale: on hand and reserved both go down by each line's quantity; a line whose hold
    /// lapsed or covered less takes the rest from free stock. Any line short → an <c>insufficient_stock</c> <see cref="Common.DomainException"/>
    /// listing every short line, and nothing changes. Untracked SKUs are skipped.
    /// </summary>
    Task CommitAsync(string cartId, IReadOnlyList<StockLine> lines, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>
    /// First step of deleting carts: locks, in SKU order, the stock rows of every SKU the carts' active holds are on,
    /// inside the caller's transaction and before the caller claims the carts (the order every writer keeps, so the
    /// two never deadlock). Returns what it locked, for <see cref="ForgetHoldsOfAsync"/>.
    /// </summary>
    Task<LockedHolds> LockHoldsOfAsync(IReadOnlyCollection<string> cartIds, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>
    /// Second step of deleting carts: gives back the units their active holds (lapsed ones included) still reserve and
    /// deletes every hold of the carts. Throws <see cref="HoldsChangedException"/> when a cart holds a SKU that
    /// <paramref name="locked"/> did not lock (a hold placed in between): the caller rolls back and starts again.
    /// </summary>
    Task ForgetHoldsOfAsync(IReadOnlyCollection<string> cartIds, LockedHolds locked,
        CancellationToken cancellationToken);

    /// <summary>Free units now of each tracked SKU among <paramref name="skus"/> (lapsed holds do not count).</summary>
    Task<IReadOnlyDictionary<string, int>> FreeAsync(IReadOnlyCollection<string> skus, DateTimeOffset now,
        CancellationToken cancellationToken);
}

/// <summary>Hold <paramref name="Quantity"/> units of <paramref name="Sku"/> for a cart (0: release).</summary>
/// <param name="Strict">True when the line grew: not enough free stock refuses the change. False (a renewal, a
/// merge): hold what is free.</param>
/// <param name="Requested">The line's quantity, reported back when the stock is short.</param>
/// <param name="Holder">Whose budget across carts the hold counts against (<see cref="HoldLimits.HolderKey"/>);
/// null: the holder the hold already has.</param>
public sealed record HoldRequest(string CartId, string Sku, int Quantity, bool Strict, int Requested,
    string? Holder = null);

/// <summary>The hold a request ended with. <paramref name="Quantity"/> null: the SKU's stock is not tracked.</summary>
public sealed record HoldResult(string CartId, string Sku, int? Quantity, DateTimeOffset? ExpiresAt);

/// <summary>A SKU and a quantity: a line to sell at checkout.</summary>
public sealed record StockLine(string Sku, int Quantity);

/// <summary>A line that stock cannot cover: what was asked and what is free for it.</summary>
public sealed record StockShortage(string Sku, int Requested, int Available);

/// <summary>The SKUs whose stock rows <see cref="IStockHolds.LockHoldsOfAsync"/> locked, and which of them are tracked.</summary>
public sealed record LockedHolds(IReadOnlyList<string> Skus, IReadOnlySet<string> Tracked);

/// <summary>A cart being deleted holds a SKU whose stock row was not locked first; the deletion starts again.</summary>
public sealed class HoldsChangedException(string sku)
    : Exception($"A cart being deleted holds {sku}, whose stock row was not locked first.");
