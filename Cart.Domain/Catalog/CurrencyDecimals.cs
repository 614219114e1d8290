namespace Cart.Domain.Catalog;

/// <summary>
/// How many decimals a price may have in each market's currency. Rupiah and dong are priced in whole units on the
/// marketplace (ISO 4217 gives IDR two minor units nobody uses); the others in cents.
/// </summary>
public static class CurrencyDecimals
{
    private static readonly Dictionary<string, int> Known = new(StringComparer.Ordinal)
    {
        ["SGD"] = 2,
        ["MYR"] = 2,
        ["THB"] = 2,
        ["PHP"] = 2,
        ["IDR"] = 0,
        ["VND"] = 0,
    };

    /// <summary>Decimals of <paramref name="currency"/>; 2 for a currency the marketplace does not list.</summary>
    public static int Of(string currency) => Known.GetValueOrDefault(currency, 2);

    /// <summary>True when <paramref name="price"/> has no more decimals than <paramref name="currency"/> allows.</summary>
    public static bool Fits(decimal price, string currency) =>
        decimal.Round(price, Of(currency)) == price;
}
