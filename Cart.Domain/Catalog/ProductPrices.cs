namespace Cart.Domain.Catalog;

/// <summary>
/// What a product's price may be: more than zero, in the currency's decimals (<see cref="CurrencyDecimals"/>), and
/// below the column's bound. <see cref="Product.ChangePrice"/> enforces it; the console's edit dialog shows the same
/// sentence before anything is sent.
/// </summary>
public static class ProductPrices
{
    /// <summary>decimal(19,4): far above any real price, but the column's bound.</summary>
    public const decimal TooLarge = 1_000_000_000_000m;

    /// <summary>What is wrong with <paramref name="price"/> in <paramref name="currency"/>; null when it will do.</summary>
    public static string? Problem(decimal price, string currency)
    {
        if (price <= 0)
        {
            return "The price must be more than zero.";
        }

        var decimals = CurrencyDecimals.Of(currency);
        if (!CurrencyDecimals.Fits(price, currency))
        {
            return decimals == 0
                ? $"{currency} prices are whole numbers."
                : $"{currency} prices have at most {decimals} decimals.";
        }

        return price >= TooLarge ? "The price is too large." : null;
    }
}
