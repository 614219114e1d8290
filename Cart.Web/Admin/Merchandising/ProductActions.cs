using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Formats;
using Cart.Web.Admin.Staff;

namespace Cart.Web.Admin.Merchandising;

/// <summary>A product as the Products page shows it; <paramref name="Stock"/> null: its stock is not tracked.</summary>
public sealed record ProductRow(ProductInfo Product, SkuStockFigures? Stock)
{
    public string Sku => Product.Sku;

    public decimal Price => Product.Price;

    public string Currency => Product.Currency;
}

/// <summary>One page of the catalog with its stock, in SKU order; <see cref="Search"/> as
/// <see cref="ProductSearch"/> matches.</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record ReadProducts(string? Search, int Page, int PageSize)
    : IConsoleAction<(IReadOnlyList<ProductRow> Items, int Total)>
{
    public async Task<ConsoleResult<(IReadOnlyList<ProductRow> Items, int Total)>> RunAsync(ConsoleCall call,
        CancellationToken cancellationToken)
    {
        var (products, total) = await call.Get<ICatalogAdministration>().PageAsync(Search, Math.Max(1, Page),
            Paging.Clamp(PageSize), cancellationToken);
        var figures = await call.Get<IStockAdministration>().FiguresAsync(products.Select(p => p.Sku).ToList(),
            call.Get<TimeProvider>().GetUtcNow(), cancellationToken);
        return ConsoleResult<(IReadOnlyList<ProductRow>, int)>.Done(
            (products.Select(p => new ProductRow(p, figures.GetValueOrDefault(p.Sku))).ToList(), total));
    }
}

/// <summary>
/// Sets the price to <see cref="Price"/> if it is still <see cref="Seen"/>'s (a stale edit is a conflict with the
/// fresh figure, never an overwrite); the price rule is the domain's (<see cref="ProductPrices"/>).
/// </summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record ChangePrice(ProductRow Seen, decimal Price) : IConsoleAction<string>, IConsoleChange
{
    public string Target => Seen.Sku;

    public async Task<ConsoleResult<string>> RunAsync(ConsoleCall call, CancellationToken cancellationToken)
    {
        if (ProductPrices.Problem(Price, Seen.Currency) is { } problem)
        {
            return ConsoleResult<string>.Invalid(problem, "price");
        }

        var change = await call.Get<ICatalogAdministration>().ChangePriceAsync(Seen.Sku, Seen.Price, Price,
            call.Get<TimeProvider>().GetUtcNow(), cancellationToken);
        switch (change.Outcome)
        {
            case PriceChangeOutcome.Changed:
                MerchandisingLog.PriceChanged(call.Get<ILogger<ChangePrice>>(), call.Session.Identity?.Name ?? "(unknown)", Seen.Sku,
                    Seen.Price, Price, Seen.Currency);
                var saved = $"The price of {Seen.Sku} is now {ConsoleFormat.Money(Price, Seen.Currency)}.";
                return ConsoleResult<string>.Done(saved, saved);
            case PriceChangeOutcome.Conflict:
                return ConsoleResult<string>.Conflict(
                    $"Someone changed the price of {Seen.Sku} meanwhile: it is now {ConsoleFormat.Money(change.Price, change.Currency)}. " +
                    "Nothing was saved; check the new figure and try again.");
            default:
                return ConsoleResult<string>.NotFound($"{Seen.Sku} is no longer in the catalog.");
        }
    }
}

/// <summary>Sets the units on hand to <see cref="OnHand"/> if they are still <see cref="Seen"/>'s; never below what
/// live holds tie up.</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record SetOnHand(ProductRow Seen, int OnHand) : IConsoleAction<string>, IConsoleChange
{
    public string Target => Seen.Sku;

    public async Task<ConsoleResult<string>> RunAsync(ConsoleCall call, CancellationToken cancellationToken)
    {
        if (Seen.Stock is null)
        {
            return ConsoleResult<string>.Invalid($"The stock of {Seen.Sku} is not tracked.");
        }

        if (ProductEditRules.OnHandError(OnHand, Seen.Stock.Held) is { } error)
        {
            return ConsoleResult<string>.Invalid(error, "onHand");
        }

        var change = await call.Get<IStockAdministration>().SetOnHandAsync(Seen.Sku, Seen.Stock.OnHand, OnHand,
            call.Get<TimeProvider>().GetUtcNow(), cancellationToken);
        switch (change.Outcome)
        {
            case OnHandChangeOutcome.Changed:
                MerchandisingLog.OnHandChanged(call.Get<ILogger<SetOnHand>>(), call.Session.Identity?.Name ?? "(unknown)", Seen.Sku,
                    Seen.Stock.OnHand, OnHand);
                var saved = $"{Seen.Sku} now has {OnHand:N0} on hand.";
                return ConsoleResult<string>.Done(saved, saved);
            case OnHandChangeOutcome.Conflict:
                return ConsoleResult<string>.Conflict(
                    $"Someone changed the stock of {Seen.Sku} meanwhile: {change.OnHand:N0} on hand, {change.Held:N0} held. " +
                    "Nothing was saved; check the new figures and try again.");
            case OnHandChangeOutcome.BelowHeld:
                return ConsoleResult<string>.Invalid(ProductEditRules.OnHandError(OnHand, change.Held)
                                                     ?? $"Carts hold {change.Held:N0} units of {Seen.Sku} now.");
            default:
                return ConsoleResult<string>.NotFound($"The stock of {Seen.Sku} is no longer tracked.");
        }
    }
}

/// <summary>What merchandisers changed, in the words operators search the logs for.</summary>
internal static partial class MerchandisingLog
{
    [LoggerMessage(LogLevel.Information,
        "Staff {Staff} changed the price of {Sku} from {OldPrice} to {NewPrice} {Currency}")]
    public static partial void PriceChanged(ILogger logger, string staff, string sku, decimal oldPrice,
        decimal newPrice, string currency);

    [LoggerMessage(LogLevel.Information, "Staff {Staff} changed the stock on hand of {Sku} from {OldOnHand} to {NewOnHand}")]
    public static partial void OnHandChanged(ILogger logger, string staff, string sku, int oldOnHand, int newOnHand);
}
