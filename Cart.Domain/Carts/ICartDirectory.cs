using Cart.Domain.Common;

namespace Cart.Domain.Carts;

/// <summary>What another module may read of carts it knows by id: whose each is, and its version.</summary>
public interface ICartDirectory
{
    /// <summary>The carts among <paramref name="cartIds"/> that exist; unknown ids are absent.</summary>
    Task<IReadOnlyDictionary<string, CartEntry>> FindAsync(IReadOnlyCollection<string> cartIds,
        CancellationToken cancellationToken);
}

/// <summary>A cart as other modules see it: its owner, status and version.</summary>
public sealed record CartEntry(string CartId, CartOwner Owner, CartStatus Status, long Version);
