using Cart.Domain.Carts.Support;

namespace Cart.Web.Admin.Components.Pages.Carts;

/// <summary>What the fix form says a fix will do.</summary>
internal static class FixTitles
{
    public static string Of(SupportAction action, string? sku, int quantity) => action switch
    {
        SupportAction.SetQuantity => $"Change the quantity of {sku}",
        SupportAction.RemoveLine => $"Remove {sku}",
        SupportAction.ClearCart => "Clear the cart",
        SupportAction.RepriceLines => sku is null ? "Re-price every line to today's price" : $"Re-price {sku} to today's price",
        SupportAction.ReleaseHold => $"Release the stock hold of {sku}",
        SupportAction.ExtendHold => $"Extend the stock hold of {sku}",
        SupportAction.UndoRemoval => $"Restore {sku} × {quantity} as it was removed",
        _ => action.ToString(),
    };
}
