using Cart.Domain.Carts;
using Cart.Domain.Common;

namespace Cart.Infrastructure.Carts;

/// <summary>A cart the cleanup deleted: its owner, the version its deletion took, and the status it had.</summary>
public sealed record DeletedCart(string CartId, CartOwner Owner, long Version, CartStatus Status);

/// <summary>
/// Where the cached carts live (the web host's cart cache): told of each batch the cleanup committed, so a deleted
/// cart is no longer served from the cache.
/// </summary>
public interface IDeletedCartsCache
{
    Task ForgetAsync(IReadOnlyList<DeletedCart> carts);
}

/// <summary>For a host without a cart cache (the <c>migrate</c> command): nothing to forget.</summary>
internal sealed class NoDeletedCartsCache : IDeletedCartsCache
{
    public Task ForgetAsync(IReadOnlyList<DeletedCart> carts) => Task.CompletedTask;
}
