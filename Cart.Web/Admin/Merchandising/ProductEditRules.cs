using Cart.Domain.Catalog;

namespace Cart.Web.Admin.Merchandising;

/// <summary>What a price and a stock count may be: one rule for the edit dialog's messages and the service's check.</summary>
public static class ProductEditRules
{
    public static string? PriceError(decimal price, string currency)
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

        // decimal(19,4): far above any real price, but the column's bound.
        return price >= 1_000_000_000_000m ? "The price is too large." : null;
    }

    /// <summary>
    /// On hand may not drop below what live holds tie up: those units are promised to carts. A merchandiser who must
    /// count fewer waits for the holds to lapse (or has support release them) first.
    /// </summary>
    public static string? OnHandError(int onHand, int held) => onHand switch
    {
        < 0 => "Stock on hand cannot be negative.",
        _ when onHand < held =>
            $"Carts hold {held:N0} units right now, so on hand cannot go below {held:N0}. Set at least {held:N0}, " +
            "or wait until those holds lapse or are released.",
        _ => null,
    };
}

/// <summary>What became of an edit, and the sentence the page shows.</summary>
public sealed record EditResult(EditStatus Status, string Message)
{
    public static EditResult Saved(string message) => new(EditStatus.Saved, message);

    public static EditResult Invalid(string message) => new(EditStatus.Invalid, message);

    public static EditResult Conflict(string message) => new(EditStatus.Conflict, message);

    public static EditResult Gone(string message) => new(EditStatus.Gone, message);
}

public enum EditStatus
{
    Saved,
    Invalid,
    Conflict,
    Gone,
}
