using Cart.Domain.Catalog;
using Cart.Infrastructure.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Cart.Tests.Fixtures;

/// <summary>
/// Changes to the catalog as the Catalog module will make them: committed, then the cached product dropped, so every
/// instance shows the new price or availability at once.
/// </summary>
public static class CatalogChanges
{
    /// <summary>Adds a product of its own to the catalog (SGD unless told), so a test can change it freely.</summary>
    public static async Task<string> AddProductAsync(this CartAppFactory host, decimal price, string currency = "SGD")
    {
        var sku = $"SG-OWN-{Guid.NewGuid():N}";
        await host.WithDbAsync(async db =>
        {
            db.Products().Add(new Product(sku, "A product of one test", null, price, currency, true,
                host.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        return sku;
    }

    public static Task SetPriceAsync(this CartAppFactory host, string sku, decimal price) =>
        host.ChangeProductAsync(sku, (product, now) => product.ChangePrice(price, now));

    public static Task SetActiveAsync(this CartAppFactory host, string sku, bool active) =>
        host.ChangeProductAsync(sku, (product, now) => product.SetActive(active, now));

    private static async Task ChangeProductAsync(this CartAppFactory host, string sku,
        Action<Product, DateTimeOffset> change)
    {
        await host.WithDbAsync(async db =>
        {
            var product = await db.Products().SingleAsync(p => p.Sku == sku);
            change(product, host.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        // Nothing in the service changes products yet: drop the cached product, in memory and in Redis, as such a
        // change will have to, so the next read loads it.
        await host.Services.GetRequiredService<IFusionCache>().RemoveAsync($"product:{sku}");
    }
}
