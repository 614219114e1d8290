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

    /// <summary>
    /// Whose budget the hold counts against across carts (<see cref="HoldLimits.HolderKeyMaxLength"/> characters at
    /// most): a signed-in shopper, or a guest's client address. Null when no caller was known (an older hold).
    /// </summary>
    public string? Holder { get; private set; }

    /// <summary>
    /// When the hold's current run began: renewals keep it, and the hold never lasts past it by more than
    /// <see cref="HoldLimits.MaxLifetime"/>. Null for an older hold (its last change stands in).
    /// </summary>
    public DateTimeOffset? PlacedAt { get; private set; }

    /// <summary>When the hold stopped (or will stop) reserving: its expiry, or its release if that came first.</summary>
    public DateTimeOffset EndedAt => Status == HoldStatus.Active || UpdatedAt > ExpiresAt ? ExpiresAt : UpdatedAt;

    /// <summary>The units this hold still reserves in the stock row (a lapsed, unswept hold still does).</summary>
    public int Reserving => Status == HoldStatus.Active ? Quantity : 0;

    public bool IsLive(DateTimeOffset now) => Status == HoldStatus.Active && ExpiresAt > now;

    /// <summary>
    /// When a hold set at <paramref name="now"/> began its run: a live hold's run goes on, and so does one that ended
    /// less than <paramref name="pause"/> ago (a hold let lapse, or a line removed and added again, does not start
    /// afresh: only a real pause does).
    /// </summary>
    public DateTimeOffset RunStartFor(DateTimeOffset now, TimeSpan pause)
    {
        var started = PlacedAt ?? UpdatedAt;
        return Quantity > 0 && EndedAt + pause > now ? started : now;
    }

    public void Hold(int quantity, DateTimeOffset expiresAt, DateTimeOffset placedAt, string? holder,
        DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Quantity = quantity;
        Status = HoldStatus.Active;
        ExpiresAt = expiresAt;
        PlacedAt = placedAt;
        Holder = holder ?? Holder;
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
