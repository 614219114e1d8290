using System.Globalization;

namespace Cart.Domain.Carts;

/// <summary>
/// The price a removed line had, as its <see cref="CartActivityTypes.ItemRemoved"/> timeline entry keeps it
/// ("SGD 12.5000"): what a restore puts back.
/// </summary>
public sealed record RemovedLinePrice(string Currency, decimal UnitPrice)
{
    public static string Format(string currency, decimal unitPrice) =>
        new RemovedLinePrice(currency, unitPrice).ToString();

    /// <summary>The price in a timeline entry's detail; null for entries written before removals kept it.</summary>
    public static RemovedLinePrice? Parse(string? detail)
    {
        var parts = detail?.Split(' ');
        if (parts is not [{ Length: 3 } currency, var amount]
            || !decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
        {
            return null;
        }

        return new RemovedLinePrice(currency, price);
    }

    public override string ToString() => $"{Currency} {UnitPrice.ToString(CultureInfo.InvariantCulture)}";
}
