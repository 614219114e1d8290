using Cart.Domain.Carts;
using Cart.Infrastructure.Carts;

namespace Cart.Web.Carts;

/// <summary>
/// Puts "no cart", at the version the deletion took, over each deleted active cart in the cart cache. A put, not a
/// delete: the versioned cache refuses a read's slower fill of the deleted cart (an older version) afterwards, and a
/// client's ETag of the deleted cart no longer matches.
/// </summary>
internal sealed class DeletedCartsCache(CartCache cache) : IDeletedCartsCache
{
    public async Task ForgetAsync(IReadOnlyList<DeletedCart> carts)
    {
        // A closed cart was never the cached one: its owner's cached "no cart" already reads empty.
        foreach (var cart in carts.Where(c => c.Status == CartStatus.Active))
        {
            await cache.PutAsync(cart.Owner, CartSnapshot.NoCart(cart.Version));
        }
    }
}
