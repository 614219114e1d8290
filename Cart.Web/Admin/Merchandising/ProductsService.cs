using System.Globalization;
using System.Security.Claims;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;

namespace Cart.Web.Admin.Merchandising;

/// <summary>
/// The Products page's reads and its two changes, a price and the stock on hand. Each checks the merchandising policy,
/// validates before anything changes, changes only what the merchandiser saw (a stale edit is a conflict with the fresh
/// figures, never an overwrite), and logs who changed what.
/// </summary>
internal sealed partial class ProductsService(
    ICatalogAdministration catalog,
    IStockAdministration stock,
    MerchandisingAccess access,
    TimeProvider clock,
    ILogger<ProductsService> logger)
{
    public async Task<(IReadOnlyList<ProductRow> Items, int Total)> PageAsync(ClaimsPrincipal user, string? search,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        await access.DemandAsync(user);
        var (products, total) = await catalog.PageAsync(search, Math.Max(1, page), Paging.Clamp(pageSize),
            cancellationToken);
        var figures = await stock.FiguresAsync(products.Select(p => p.Sku).ToList(), clock.GetUtcNow(),
            cancellationToken);
        return (products.Select(p => new ProductRow(p, figures.GetValueOrDefault(p.Sku))).ToList(), total);
    }

    /// <summary>Sets the price to <paramref name="price"/> if it is still <paramref name="seen"/>'s.</summary>
    public async Task<EditResult> ChangePriceAsync(ClaimsPrincipal user, ProductRow seen, decimal price,
        CancellationToken cancellationToken)
    {
        await access.DemandAsync(user);
        if (ProductEditRules.PriceError(price, seen.Currency) is { } error)
        {
            return EditResult.Invalid(error);
        }

        var change = await catalog.ChangePriceAsync(seen.Sku, seen.Price, price, clock.GetUtcNow(), cancellationToken);
        switch (change.Outcome)
        {
            case PriceChangeOutcome.Changed:
                LogPriceChanged(logger, Staff(user), seen.Sku, seen.Price, price, seen.Currency);
                return EditResult.Saved($"The price of {seen.Sku} is now {Money(price, seen.Currency)}.");
            case PriceChangeOutcome.Conflict:
                return EditResult.Conflict(
                    $"Someone changed the price of {seen.Sku} meanwhile: it is now {Money(change.Price!.Value, change.Currency!)}. " +
                    "Nothing was saved; check the new figure and try again.");
            default:
                return EditResult.Gone($"{seen.Sku} is no longer in the catalog.");
        }
    }

    /// <summary>Sets the units on hand to <paramref name="onHand"/> if they are still <paramref name="seen"/>'s.</summary>
    public async Task<EditResult> SetOnHandAsync(ClaimsPrincipal user, ProductRow seen, int onHand,
        CancellationToken cancellationToken)
    {
        await access.DemandAsync(user);
        if (seen.Stock is null)
        {
            return EditResult.Invalid($"The stock of {seen.Sku} is not tracked.");
        }

        if (ProductEditRules.OnHandError(onHand, seen.Stock.Held) is { } error)
        {
            return EditResult.Invalid(error);
        }

        var change = await stock.SetOnHandAsync(seen.Sku, seen.Stock.OnHand, onHand, clock.GetUtcNow(),
            cancellationToken);
        switch (change.Outcome)
        {
            case OnHandChangeOutcome.Changed:
                LogOnHandChanged(logger, Staff(user), seen.Sku, seen.Stock.OnHand, onHand);
                return EditResult.Saved($"{seen.Sku} now has {onHand:N0} on hand.");
            case OnHandChangeOutcome.Conflict:
                return EditResult.Conflict(
                    $"Someone changed the stock of {seen.Sku} meanwhile: {change.OnHand:N0} on hand, {change.Held:N0} held. " +
                    "Nothing was saved; check the new figures and try again.");
            case OnHandChangeOutcome.BelowHeld:
                return EditResult.Invalid(ProductEditRules.OnHandError(onHand, change.Held)
                                          ?? $"Carts hold {change.Held:N0} units of {seen.Sku} now.");
            default:
                return EditResult.Gone($"The stock of {seen.Sku} is no longer tracked.");
        }
    }

    public static string Money(decimal amount, string currency) =>
        amount.ToString("N" + CurrencyDecimals.Of(currency), CultureInfo.InvariantCulture) + " " + currency;

    private static string Staff(ClaimsPrincipal user) => user.Identity?.Name ?? "(unknown)";

    [LoggerMessage(LogLevel.Information,
        "Staff {Staff} changed the price of {Sku} from {OldPrice} to {NewPrice} {Currency}")]
    private static partial void LogPriceChanged(ILogger logger, string staff, string sku, decimal oldPrice,
        decimal newPrice, string currency);

    [LoggerMessage(LogLevel.Information, "Staff {Staff} changed the stock on hand of {Sku} from {OldOnHand} to {NewOnHand}")]
    private static partial void LogOnHandChanged(ILogger logger, string staff, string sku, int oldOnHand,
        int newOnHand);
}

/// <summary>A product as the Products page shows it; <paramref name="Stock"/> null: its stock is not tracked.</summary>
public sealed record ProductRow(ProductInfo Product, SkuStockFigures? Stock)
{
    public string Sku => Product.Sku;

    public decimal Price => Product.Price;

    public string Currency => Product.Currency;
}
