using System.Globalization;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;

namespace Cart.Tests.Domain;

/// <summary>Fixed clocks, products and carts for the aggregate's unit tests; nothing here reads the real time.</summary>
internal static class CartTestData
{
    public const string Shirt = "SG-SHIRT";
    public const string Mug = "SG-MUG";
    public const string Lamp = "SG-LAMP";
    public const string Pho = "VN-PHO";

    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T1 = T0.AddMinutes(5);
    public static readonly DateTimeOffset T2 = T0.AddMinutes(10);
    public static readonly DateTimeOffset T3 = T0.AddMinutes(15);

    public static ProductInfo Product(string sku = Shirt, decimal price = 29.99m, string currency = "SGD",
        bool active = true) => new(sku, $"Product {sku}", null, price, currency, active);

    public static ProductInfo Bulk(int i) => Product($"SG-BULK-{i:000}", 1.00m);

    public static ShoppingCart ShopperCart(string userId = "user_1") => ShoppingCart.Open(CartOwner.User(userId), T0);

    public static ShoppingCart GuestCart(string sessionId = "g_1") => ShoppingCart.Open(CartOwner.Guest(sessionId), T0);

    /// <summary>A shopper cart holding <paramref name="lines"/> distinct SGD lines of one unit each.</summary>
    public static ShoppingCart CartWithLines(int lines, ShoppingCart? cart = null)
    {
        cart ??= ShopperCart();
        for (var i = 1; i <= lines; i++)
        {
            cart.AddItem(Bulk(i), 1, null, T0);
        }

        return cart;
    }

    public static Dictionary<string, string> Variant(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>
    /// Runs a change the aggregate must refuse and asserts the refusal left the cart exactly as it was
    /// (all or nothing); returns the error so the caller can check its code and field.
    /// </summary>
    public static DomainError Refused(ShoppingCart cart, Action change)
    {
        var before = CartState.Of(cart);

        var exception = Assert.Throws<DomainException>(change);

        Assert.Equal(before, CartState.Of(cart));
        return exception.Error;
    }
}

/// <summary>Everything observable about a cart, comparable by value, for "nothing changed" assertions.</summary>
internal sealed record CartState(
    string Id,
    CartStatus Status,
    string? Currency,
    long Version,
    string? MergedIntoCartId,
    DateTimeOffset UpdatedAt,
    string Lines)
{
    public static CartState Of(ShoppingCart cart) =>
        new(cart.Id, cart.Status, cart.Currency, cart.Version, cart.MergedIntoCartId, cart.UpdatedAt,
            string.Join(" | ", cart.Lines.Select(Describe)));

    private static string Describe(CartLine line)
    {
        var variant = string.Join(",", line.Variant.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}={kv.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{line.CartId}/{line.Sku} x{line.Quantity} @{line.UnitPrice} [{variant}] {line.AddedAt:O} {line.UpdatedAt:O}");
    }
}
