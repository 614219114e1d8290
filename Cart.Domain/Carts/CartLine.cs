namespace Cart.Domain.Carts;

/// <summary>One SKU in a cart. Changed only through <see cref="ShoppingCart"/>, which guards the limits.</summary>
public sealed class CartLine
{
    private CartLine()
    {
        CartId = string.Empty;
        Sku = string.Empty;
        Variant = new Dictionary<string, string>();
    }

    internal CartLine(string cartId, string sku, int quantity, decimal unitPrice,
        IReadOnlyDictionary<string, string> variant, DateTimeOffset now)
    {
        CartId = cartId;
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
        Variant = variant;
        AddedAt = now;
        UpdatedAt = now;
    }

    public string CartId { get; private set; }

    public string Sku { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>The price when the line was added (or last accepted), in the cart's currency.</summary>
    public decimal UnitPrice { get; private set; }

    public IReadOnlyDictionary<string, string> Variant { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Units of stock held for the line; null when the SKU's stock is not tracked.</summary>
    public int? HeldQuantity { get; private set; }

    /// <summary>When the hold lapses; held until then, expired after (decided when read, never stored).</summary>
    public DateTimeOffset? HoldExpiresAt { get; private set; }

    public decimal LineTotal => UnitPrice * Quantity;

    /// <summary>
    /// True once this instance of the line has been changed (not stored): the change being made touched it, so its
    /// stock hold is renewed. Told from the change itself, never from timestamps, which two changes can share.
    /// </summary>
    public bool ChangedInThisChange { get; private set; }

    /// <summary>
    /// True when this change gives the line's stock hold back while the line stays (a support fix; not stored).
    /// </summary>
    public bool HoldReleasedInThisChange { get; private set; }

    /// <summary>Counts the line as changed so its hold is set again from now, for the normal duration.</summary>
    internal void RenewHold(DateTimeOffset now)
    {
        ChangedInThisChange = true;
        UpdatedAt = now;
    }

    internal void ReleaseHold(DateTimeOffset now)
    {
        ChangedInThisChange = true;
        HoldReleasedInThisChange = true;
        UpdatedAt = now;
    }

    internal void SetQuantity(int quantity, DateTimeOffset now)
    {
        ChangedInThisChange = true;
        Quantity = quantity;
        UpdatedAt = now;
    }

    /// <summary>Takes a new price snapshot: the shopper accepted the catalog's current price.</summary>
    internal void SetUnitPrice(decimal unitPrice, DateTimeOffset now)
    {
        ChangedInThisChange = true;
        UnitPrice = unitPrice;
        UpdatedAt = now;
    }

    internal void SetHold(int? quantity, DateTimeOffset? expiresAt)
    {
        HeldQuantity = quantity;
        HoldExpiresAt = quantity is null ? null : expiresAt;
    }

    internal void SetVariant(IReadOnlyDictionary<string, string> variant, DateTimeOffset now)
    {
        ChangedInThisChange = true;
        Variant = variant;
        UpdatedAt = now;
    }

    /// <summary>Becomes the other cart's line for the same SKU (quantity, price snapshot, variant), in place.</summary>
    internal void TakeOver(CartLine other, DateTimeOffset now)
    {
        ChangedInThisChange = true;
        Quantity = other.Quantity;
        UnitPrice = other.UnitPrice;
        Variant = other.Variant;
        AddedAt = other.AddedAt;
        HeldQuantity = other.HeldQuantity;
        HoldExpiresAt = other.HoldExpiresAt;
        UpdatedAt = now;
    }

    internal CartLine CopyTo(string cartId, DateTimeOffset now) =>
        new(cartId, Sku, Quantity, UnitPrice, Variant, AddedAt)
        {
            UpdatedAt = now,
            HeldQuantity = HeldQuantity,
            HoldExpiresAt = HoldExpiresAt,
        };
}
