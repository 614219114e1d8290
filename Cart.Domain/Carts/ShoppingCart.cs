using Cart.Domain.Catalog;
using Cart.Domain.Common;

namespace Cart.Domain.Carts;

/// <summary>
/// The cart aggregate: the lines of one owner, in one currency, with a version that grows on every change.
/// Every limit of the storefront API is checked here, before anything changes.
/// </summary>
public sealed partial class ShoppingCart
{
    public const string IdPrefix = "c_";

    private readonly List<CartLine> _lines = [];
    private readonly List<CartActivity> _activity = [];

    private ShoppingCart()
    {
        Id = string.Empty;
        OwnerId = string.Empty;
    }

    private ShoppingCart(string id, CartOwner owner, DateTimeOffset now)
    {
        Id = id;
        OwnerKind = owner.Kind;
        OwnerId = owner.Id;
        Status = CartStatus.Active;
        CreatedAt = now;
        UpdatedAt = now;
        LastActiveAt = now;
    }

    public string Id { get; private set; }

    public OwnerKind OwnerKind { get; private set; }

    public string OwnerId { get; private set; }

    public CartOwner Owner => new(OwnerKind, OwnerId);

    public CartStatus Status { get; private set; }

    /// <summary>ISO 4217 code of every line's price; null while the cart is empty.</summary>
    public string? Currency { get; private set; }

    /// <summary>Grows by one on every change; the ETag of the cart and its optimistic-concurrency token.</summary>
    public long Version { get; private set; }

    /// <summary>For a merged guest cart, the shopper cart its lines went to.</summary>
    public string? MergedIntoCartId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// The owner's last sign of life on this cart: its last change, or a later read the read path recorded (reads are
    /// recorded at most once per <see cref="CartActivityRules.ReadRecordedEvery"/>). The cleanup deletes carts whose
    /// last activity is older than its window.
    /// </summary>
    public DateTimeOffset LastActiveAt { get; private set; }

    public IReadOnlyList<CartLine> Lines => _lines;

    /// <summary>What this instance's changes did, in order, for the cart's timeline (not stored with the cart).</summary>
    public IReadOnlyList<CartActivity> Activity => _activity;

    public int TotalItems => _lines.Sum(l => l.Quantity);

    public decimal Subtotal => _lines.Sum(l => l.LineTotal);

    /// <summary>
    /// Opens the owner's cart. <paramref name="lastVersion"/> is the highest version of the owner's earlier (closed)
    /// carts: the new cart counts on from there, so an ETag the client kept from an earlier cart never names this one.
    /// </summary>
    public static ShoppingCart Open(CartOwner owner, DateTimeOffset now, long lastVersion = 0)
    {
        if (string.IsNullOrWhiteSpace(owner.Id))
        {
            throw new ArgumentException("A cart needs an owner.", nameof(owner));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(lastVersion);
        return new ShoppingCart(IdPrefix + Ulid.NewUlid(now), owner, now) { Version = lastVersion };
    }

    public CartLine? FindLine(string sku) => _lines.Find(l => string.Equals(l.Sku, sku, StringComparison.Ordinal));

    /// <summary>Adds <paramref name="quantity"/> of a product; an existing line grows, at its snapshot price.</summary>
    public CartLine AddItem(ProductInfo product, int quantity, IReadOnlyDictionary<string, string>? variant,
        DateTimeOffset now)
    {
        EnsureActive();
        Guard(Sku.IsValid(product.Sku), Sku.Invalid);
        Guard(CartLimits.IsValidQuantity(quantity), CartErrors.QuantityOutOfRange);
        var variantProblem = CartLimits.VariantProblem(variant);
        Guard(variantProblem is null, CartErrors.InvalidVariant(variantProblem ?? string.Empty));
        Guard(product.Active, Catalog.CatalogErrors.ProductUnavailable(product.Sku));
        if (Currency is not null && _lines.Count > 0)
        {
            Guard(string.Equals(Currency, product.Currency, StringComparison.Ordinal),
                CartErrors.CurrencyMismatch(product.Sku, product.Currency, Currency));
        }

        var line = FindLine(product.Sku);
        if (line is not null)
        {
            Guard(line.Quantity + quantity <= CartLimits.MaxQuantity, CartErrors.LineQuantityOverLimit(product.Sku));
            line.SetQuantity(line.Quantity + quantity, now);
            if (variant is not null)
            {
                line.SetVariant(Copy(variant), now);
            }

            _activity.Add(new CartActivity(CartActivityTypes.QuantityChanged, product.Sku, line.Quantity));
        }
        else
        {
            Guard(_lines.Count < CartLimits.MaxLines, CartErrors.CartFull);
            line = new CartLine(Id, product.Sku, quantity, product.Price, Copy(variant), now);
            _lines.Add(line);
            Currency = product.Currency;
            _activity.Add(new CartActivity(CartActivityTypes.ItemAdded, product.Sku, quantity));
        }

        Touch(now);
        return line;
    }

    /// <summary>Sets a line's quantity; the line must already be in the cart.</summary>
    public CartLine SetQuantity(string sku, int quantity, DateTimeOffset now)
    {
        EnsureActive();
        Guard(CartLimits.IsValidQuantity(quantity), CartErrors.QuantityOutOfRange);
        var line = FindLine(sku) ?? throw new DomainException(CartErrors.LineNotFound(sku));
        if (line.Quantity != quantity)
        {
            line.SetQuantity(quantity, now);
            Touch(now);
            _activity.Add(new CartActivity(CartActivityTypes.QuantityChanged, sku, quantity));
        }

        return line;
    }

    /// <summary>
    /// Accepts the catalog's current prices: each line named in <paramref name="skus"/> (every line when null) takes
    /// its product's price in <paramref name="products"/> as its new <see cref="CartLine.UnitPrice"/>. All or nothing:
    /// a SKU without a line, or a line whose product is not for sale now (inactive, or gone from the catalog) or is
    /// priced in another currency, leaves the cart as it was. Prices already current change nothing (same version).
    /// Returns the lines whose price changed.
    /// </summary>
    public IReadOnlyList<CartLine> AcceptPrices(IReadOnlyCollection<string>? skus,
        IReadOnlyDictionary<string, ProductInfo> products, DateTimeOffset now)
    {
        EnsureActive();
        var accepted = skus is null ? _lines.ToList() : LinesNamed(skus);
        var repriced = new List<(CartLine Line, decimal Price)>();
        foreach (var line in accepted)
        {
            var product = products.GetValueOrDefault(line.Sku);
            if (product is not { Active: true })
            {
                throw new DomainException(Catalog.CatalogErrors.ProductUnavailable(line.Sku));
            }

            Guard(string.Equals(product.Currency, Currency, StringComparison.Ordinal),
                CartErrors.CurrencyMismatch(line.Sku, product.Currency, Currency!));
            if (product.Price != line.UnitPrice)
            {
                repriced.Add((line, product.Price));
            }
        }

        foreach (var (line, price) in repriced)
        {
            line.SetUnitPrice(price, now);
        }

        if (repriced.Count > 0)
        {
            Touch(now);
            _activity.Add(new CartActivity(CartActivityTypes.PricesAccepted, Quantity: repriced.Count));
        }

        return repriced.ConvertAll(r => r.Line);
    }

    /// <summary>
    /// The lines of <paramref name="skus"/>, each once, in the order named; a SKU with no line is refused.
    /// </summary>
    private List<CartLine> LinesNamed(IEnumerable<string> skus)
    {
        var lines = new List<CartLine>();
        foreach (var sku in skus)
        {
            var line = FindLine(sku) ?? throw new DomainException(CartErrors.LineNotFound(sku));
            if (!lines.Contains(line))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    public CartLine RemoveItem(string sku, DateTimeOffset now)
    {
        EnsureActive();
        var line = FindLine(sku) ?? throw new DomainException(CartErrors.LineNotFound(sku));
        // The price goes into the timeline so support can restore the line exactly as it was (RestoreLine).
        var price = RemovedLinePrice.Format(Currency!, line.UnitPrice);
        _lines.Remove(line);
        if (_lines.Count == 0)
        {
            Currency = null;
        }

        Touch(now);
        _activity.Add(new CartActivity(CartActivityTypes.ItemRemoved, sku, line.Quantity, price));
        return line;
    }

    /// <summary>Empties the cart and returns the lines it held. Clearing an empty cart changes nothing.</summary>
    public IReadOnlyList<CartLine> Clear(DateTimeOffset now)
    {
        EnsureActive();
        if (_lines.Count == 0)
        {
            return [];
        }

        var removed = _lines.ToList();
        _lines.Clear();
        Currency = null;
        Touch(now);
        _activity.Add(new CartActivity(CartActivityTypes.CartCleared, Quantity: removed.Sum(l => l.Quantity)));
        return removed;
    }

    /// <summary>
    /// Moves a guest cart's lines into this shopper's cart: the union of both, and for a SKU in both the line with the
    /// higher quantity (this cart's line on a tie). The guest cart is closed. All or nothing: a rule broken leaves
    /// both carts as they were.
    /// </summary>
    public void MergeFrom(ShoppingCart guest, DateTimeOffset now)
    {
        EnsureActive();
        guest.EnsureActive();
        if (guest.OwnerKind != OwnerKind.Guest || OwnerKind != OwnerKind.User)
        {
            throw new InvalidOperationException("Only a guest cart merges, and only into a shopper's cart.");
        }

        if (_lines.Count > 0 && guest._lines.Count > 0 && guest.Currency != Currency)
        {
            throw new DomainException(CartErrors.CurrencyMismatch(guest._lines[0].Sku, guest.Currency!, Currency!));
        }

        var newSkus = guest._lines.Count(g => FindLine(g.Sku) is null);
        Guard(_lines.Count + newSkus <= CartLimits.MaxLines, CartErrors.CartFull);

        var changed = false;
        foreach (var guestLine in guest._lines)
        {
            var mine = FindLine(guestLine.Sku);
            if (mine is null)
            {
                _lines.Add(guestLine.CopyTo(Id, now));
                changed = true;
            }
            else if (guestLine.Quantity > mine.Quantity)
            {
                mine.TakeOver(guestLine, now);
                changed = true;
            }
        }

        if (changed)
        {
            Currency ??= guest.Currency;
            Touch(now);
        }

        _activity.Add(new CartActivity(CartActivityTypes.MergedIn, Detail: guest.Id));
        guest.CloseAsMerged(Id, now);
        guest._activity.Add(new CartActivity(CartActivityTypes.MergedAway, Detail: Id));
    }

    /// <summary>
    /// Closes the cart as an order: every line must be at or above its catalog price now (a price that went down is
    /// applied here; one that went up needs the shopper's acceptance first, see <see cref="PriceRises"/>).
    /// </summary>
    public void CheckOut(IReadOnlyDictionary<string, decimal> currentPrices, string orderId, DateTimeOffset now)
    {
        EnsureActive();
        Guard(_lines.Count > 0, CartErrors.CartEmpty);
        Guard(PriceRises(currentPrices).Count == 0, CartErrors.PricesRose);
        var lowered = 0;
        foreach (var line in _lines)
        {
            var current = currentPrices[line.Sku];
            if (current < line.UnitPrice)
            {
                line.SetUnitPrice(current, now);
                lowered++;
            }
        }

        if (lowered > 0)
        {
            _activity.Add(new CartActivity(CartActivityTypes.PricesLowered, Quantity: lowered));
        }

        Status = CartStatus.CheckedOut;
        Touch(now);
        _activity.Add(new CartActivity(CartActivityTypes.CheckedOut, Quantity: TotalItems, Detail: orderId));
    }

    /// <summary>The lines whose catalog price is above the price the shopper has seen and accepted.</summary>
    public IReadOnlyList<CartLine> PriceRises(IReadOnlyDictionary<string, decimal> currentPrices) =>
        _lines.Where(l => currentPrices.TryGetValue(l.Sku, out var current) && current > l.UnitPrice).ToList();

    /// <summary>
    /// Closes an empty guest cart at login when there is nothing to move and the shopper has no cart to move it to.
    /// </summary>
    public void CloseEmptyGuestCart(DateTimeOffset now)
    {
        EnsureActive();
        if (OwnerKind != OwnerKind.Guest || _lines.Count > 0)
        {
            throw new InvalidOperationException("Only an empty guest cart closes without a merge.");
        }

        CloseAsMerged(null, now);
    }

    private void CloseAsMerged(string? intoCartId, DateTimeOffset now)
    {
        Status = CartStatus.Merged;
        MergedIntoCartId = intoCartId;
        Touch(now);
    }

    /// <summary>
    /// Records the stock hold a line ended with after a change (part of that change: the version does not move again).
    /// </summary>
    public void RecordHold(string sku, int? quantity, DateTimeOffset? expiresAt)
    {
        var line = FindLine(sku) ?? throw new DomainException(CartErrors.LineNotFound(sku));
        line.SetHold(quantity, expiresAt);
    }

    /// <summary>Refuses the change when the caller's If-Match named another version.</summary>
    public static void EnsureVersion(long currentVersion, Func<long, bool>? matches)
    {
        if (matches is not null && !matches(currentVersion))
        {
            throw new DomainException(CartErrors.VersionMismatch(currentVersion));
        }
    }

    private void EnsureActive() => Guard(Status == CartStatus.Active, CartErrors.NotActive);

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        LastActiveAt = now;
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string>? variant) =>
        variant is null ? new Dictionary<string, string>() : new Dictionary<string, string>(variant);

    private static void Guard(bool condition, DomainError error)
    {
        if (!condition)
        {
            throw new DomainException(error);
        }
    }
}
