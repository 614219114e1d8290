namespace Cart.Domain.Inventory;

/// <summary>
/// A cart's soft reservation of one SKU: one row per cart and SKU, renewed in place each time the line changes.
/// Its history (placed, renewed, released, expired, committed) is in the cart events.
/// </summary>
public sealed class StockHold
{
    private StockHold()
    {
        CartId = string.Empty;
        Sku = string.Empty;
    }

    public StockHold(string cartId, string sku, DateTimeOffset now)
    {
        CartId = cartId;
        Sku = sku;
        Status = HoldStatus.Released;
        CreatedAt = now;
        UpdatedAt = now;
        ExpiresAt = now;
    }

    public string CartId { get; private set; }

    public string Sku { get; private set; }

    public int Quantity { get; private set; }

    public HoldStatus Status { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The units this hold still reserves in the stock row (a lapsed, unswept hold still does).</summary>
    public int Reserving => Status == HoldStatus.Active ? Quantity : 0;

    public bool IsLive(DateTimeOffset now) => Status == HoldStatus.Active && ExpiresAt > now;

    public void Hold(int quantity, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Quantity = quantity;
        Status = HoldStatus.Active;
        ExpiresAt = expiresAt;
        UpdatedAt = now;
    }

    public void Release(DateTimeOffset now) => End(HoldStatus.Released, now);

    public void Commit(DateTimeOffset now) => End(HoldStatus.Committed, now);

    private void End(HoldStatus status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = now;
    }
}
