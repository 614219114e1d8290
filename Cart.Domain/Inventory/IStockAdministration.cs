using Cart.Domain.Common;

namespace Cart.Domain.Inventory;

/// <summary>
/// What the merchandisers' console asks of the Inventory module: stock and live holds per SKU, the carts holding a
/// SKU, and a change of the stock on hand. "Held" here is what live holds (active and not yet lapsed) tie up now, so a
/// hold lapsed a moment ago and not yet swept no longer counts.
/// </summary>
public interface IStockAdministration
{
    /// <summary>One page of tracked SKUs with their figures, filtered and sorted as <paramref name="filter"/> says.</summary>
    Task<(IReadOnlyList<SkuStockFigures> Items, int Total)> PageAsync(StockFilter filter, int page, int pageSize,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every tracked SKU <paramref name="filter"/> selects, in its order, read as a stream (an export).</summary>
    IAsyncEnumerable<SkuStockFigures> StreamAsync(StockFilter filter, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>The figures of the tracked SKUs among <paramref name="skus"/>; untracked ones are absent.</summary>
    Task<IReadOnlyDictionary<string, SkuStockFigures>> FiguresAsync(IReadOnlyCollection<string> skus,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>One page of the live holds of <paramref name="sku"/>, soonest to lapse first.</summary>
    Task<(IReadOnlyList<SkuHolder> Items, int Total)> HoldersAsync(string sku, int page, int pageSize,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the SKU's units on hand to <paramref name="onHand"/> if they are still <paramref name="expectedOnHand"/>
    /// (what the merchandiser saw), and never below the units live holds tie up.
    /// </summary>
    Task<OnHandChange> SetOnHandAsync(string sku, int expectedOnHand, int onHand, DateTimeOffset now,
        CancellationToken cancellationToken);
}

/// <param name="Search">A prefix of the SKU or of the product's name; null or blank: every tracked SKU.</param>
public sealed record StockFilter(string? Search = null, StockSort Sort = StockSort.Sku, bool Descending = false);

public enum StockSort
{
    Sku,
    Held,
    Available,
}

/// <param name="Name">The product's name; null when the SKU has stock but no product.</param>
/// <param name="Held">Units live holds tie up now.</param>
/// <param name="Available">On hand less <paramref name="Held"/>.</param>
/// <param name="ExpiringSoon">Units of live holds that lapse within <see cref="ExpiringWindow"/>.</param>
/// <param name="Carts">Carts with a live hold of the SKU.</param>
public sealed record SkuStockFigures(string Sku, string? Name, int OnHand, int Held, int Available, int ExpiringSoon,
    int Carts)
{
    public static readonly TimeSpan ExpiringWindow = TimeSpan.FromMinutes(15);
}

/// <summary>A cart's live hold of one SKU.</summary>
public sealed record SkuHolder(string CartId, OwnerKind OwnerKind, string OwnerId, int Quantity, DateTimeOffset ExpiresAt,
    long CartVersion);

public enum OnHandChangeOutcome
{
    Changed,

    /// <summary>On hand was no longer what the caller saw (someone else changed it): nothing changed.</summary>
    Conflict,

    /// <summary>Live holds tie up more than the new figure: nothing changed.</summary>
    BelowHeld,

    /// <summary>The SKU has no stock row.</summary>
    NotTracked,
}

/// <param name="OnHand">On hand now (after the change, or as found).</param>
/// <param name="Held">Units live holds tie up now.</param>
public sealed record OnHandChange(OnHandChangeOutcome Outcome, int OnHand, int Held);
