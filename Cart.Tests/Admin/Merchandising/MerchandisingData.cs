using System.Security.Claims;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Merchandising;

/// <summary>Staff users and products with chosen SKUs and names for the merchandising tests (each on a fresh database).</summary>
internal static class MerchandisingData
{
    /// <summary>An active product with tracked stock.</summary>
    public static async Task AddStockedAsync(this CartAppFactory host, string sku, string name, decimal price,
        int onHand, string currency = "SGD")
    {
        var now = host.Clock.GetUtcNow();
        await host.WithDbAsync(async db =>
        {
            db.Products().Add(new Product(sku, name, null, price, currency, true, now));
            db.Stock().Add(new StockItem(sku, onHand, now));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A new shopper who adds <paramref name="quantity"/> of <paramref name="sku"/> through the API (a live
    /// hold); returns the shopper's id and cart id.</summary>
    public static async Task<(string UserId, string CartId)> ShopperHoldingAsync(this CartAppFactory host, string sku,
        int quantity)
    {
        var (client, userId) = host.NewShopper();
        var cart = await client.AddAsync(sku, quantity);
        return (userId, cart.CartId());
    }

    /// <summary>Runs <paramref name="work"/> with a service of the host, from a scope of its own.</summary>
    public static async Task<T> WithServiceAsync<TService, T>(this CartAppFactory host, Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
