using System.Globalization;
using Cart.Domain.Carts.Support;

namespace Cart.Web.Admin.Components.Pages.Carts;

/// <summary>How the support pages name look-up keys, and show money and times.</summary>
internal static class KeyLabels
{
    public static string Of(CartLookupKey key) => key switch
    {
        CartLookupKey.UserId => "User id",
        CartLookupKey.Email => "Email",
        CartLookupKey.GuestSessionId => "Guest session id",
        CartLookupKey.CartId => "Cart id",
        CartLookupKey.OrderId => "Order id",
        _ => key.ToString(),
    };
}

internal static class Money
{
    /// <summary>An amount with its currency code, grouped, to the currency's usual decimals (VND and IDR have none).</summary>
    public static string Format(decimal amount, string? currency)
    {
        var decimals = currency is "VND" or "IDR" ? 0 : 2;
        var number = amount.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return currency is null ? number : $"{currency} {number}";
    }

    public static string Utc(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "–";
}
