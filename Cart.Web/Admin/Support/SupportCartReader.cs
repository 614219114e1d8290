using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Domain.Catalog;

namespace Cart.Web.Admin.Support;

/// <summary>A cart as the detail page shows it: the cart, its owner's email, and its products' current prices.</summary>
public sealed record SupportCartView(ShoppingCart Cart, string? OwnerEmail,
    IReadOnlyDictionary<string, ProductInfo> Products)
{
    /// <summary>The catalog's price now for the line's SKU; null when the product is gone from the catalog.</summary>
    public decimal? CurrentPrice(CartLine line) => Products.GetValueOrDefault(line.Sku)?.Price;
}

/// <summary>
/// Support's reads, each in a scope of its own: a console page loads its table and its timeline at the same time,
/// and one database context must never serve two queries at once.
/// </summary>
public sealed class SupportCartReader(IServiceScopeFactory scopes)
{
    public const int MaxPageSize = 100;

    public Task<ResultPage<CartSummary>> FindAsync(CartLookupKey key, string value, int skip, int take,
        CancellationToken cancellationToken) =>
        InScopeAsync(lookup => lookup.FindAsync(key, value, skip, Math.Clamp(take, 1, MaxPageSize), cancellationToken));

    public async Task<SupportCartView?> GetAsync(string cartId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ICartLookup>().GetAsync(cartId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var skus = found.Cart.Lines.Select(l => l.Sku).ToList();
        var products = skus.Count == 0
            ? new Dictionary<string, ProductInfo>()
            : await scope.ServiceProvider.GetRequiredService<IProductCatalog>().FindAsync(skus, cancellationToken);
        return new SupportCartView(found.Cart, found.OwnerEmail, products);
    }

    public Task<ResultPage<CartEvent>> TimelineAsync(string cartId, int skip, int take,
        CancellationToken cancellationToken) =>
        InScopeAsync(lookup => lookup.TimelineAsync(cartId, skip, Math.Clamp(take, 1, MaxPageSize), cancellationToken));

    private async Task<T> InScopeAsync<T>(Func<ICartLookup, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ICartLookup>());
    }
}
