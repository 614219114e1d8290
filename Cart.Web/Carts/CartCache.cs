using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Caching;

namespace Cart.Web.Carts;

/// <summary>
/// Carts in the versioned cache: reads fill it, committed writes put the new cart in it, and a copy never replaces a
/// newer one, so a read made after a write is acknowledged shows that write on every instance (docs/CACHING.md).
/// </summary>
internal sealed class CartCache(IVersionedCache cache)
{
    public Task<CartSnapshot> GetAsync(CartOwner owner, Func<CancellationToken, Task<CartSnapshot>> load,
        CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(Key(owner), async ct => Versioned(await load(ct)), cancellationToken);

    /// <summary>Write-through: called with the committed cart before the change is acknowledged.</summary>
    public Task PutAsync(CartOwner owner, CartSnapshot cart) => cache.PutAsync(Key(owner), Versioned(cart));

    /// <summary>For a change whose outcome is unknown: the next read goes to the database.</summary>
    public Task ForgetAsync(CartOwner owner) => cache.ForgetAsync(Key(owner));

    private static Versioned<CartSnapshot> Versioned(CartSnapshot cart) => new(cart.Version, cart, !cart.Exists);

    private static string Key(CartOwner owner) => $"cart:{owner.Key}";
}
