namespace Cart.Web.Admin.Merchandising;

/// <summary>What a stock count may be: one rule for the edit dialog's message and the change's check (a price's
/// rule is the domain's, <see cref="Cart.Domain.Catalog.ProductPrices"/>).</summary>
public static class ProductEditRules
{
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
