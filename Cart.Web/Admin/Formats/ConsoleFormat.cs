using System.Globalization;
using Cart.Domain.Catalog;

namespace Cart.Web.Admin.Formats;

/// <summary>
/// How every console page writes money and times. Money is the currency code, then the amount grouped to that
/// currency's decimals (<see cref="CurrencyDecimals"/>: rupiah and dong have none). Invariant culture: every member of
/// staff reads the same.
/// </summary>
public static class ConsoleFormat
{
    /// <summary>"SGD 1,234.50", "IDR 150,000"; the bare amount (two decimals) when the currency is not known; "–" for
    /// no amount.</summary>
    public static string Money(decimal? amount, string? currency)
    {
        if (amount is not { } value)
        {
            return "–";
        }

        var decimals = currency is null ? 2 : CurrencyDecimals.Of(currency);
        var number = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return currency is null ? number : $"{currency} {number}";
    }

    /// <summary>A moment to the second, in UTC; "–" for none.</summary>
    public static string Utc(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "–";
}
