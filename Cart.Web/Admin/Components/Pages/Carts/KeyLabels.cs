using Cart.Domain.Carts.Support;

namespace Cart.Web.Admin.Components.Pages.Carts;

/// <summary>How the support pages name look-up keys.</summary>
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
