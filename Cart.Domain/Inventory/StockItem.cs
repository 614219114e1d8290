namespace Cart.Domain.Inventory;

/// <summary>
/// The stock of one tracked SKU: units on hand and units reserved by holds. A SKU without a stock row is not tracked
/// (its holds say <c>none</c>). <see cref="Reserved"/> only changes through conditional updates in the database, so it
/// never exceeds <see cref="OnHand"/>, whatever the concurrency.
/// </summary>
public sealed class StockItem
{
    private StockItem()
    {
        Sku = string.Empty;
    }

    public StockItem(string sku, int onHand, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        Sku = sku;
        OnHand = onHand;
        UpdatedAt = now;
    }

    public string Sku { get; private set; }

    public int OnHand { get; private set; }

    /// <summary>Units held by active holds, lapsed ones included until they are released.</summary>
    public int Reserved { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
}
