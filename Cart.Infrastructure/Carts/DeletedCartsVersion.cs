using Cart.Domain.Common;

namespace Cart.Infrastructure.Carts;

/// <summary>
/// What is left of an owner's carts once the cleanup deleted them: the version the last one reached (its deletion
/// counted as a change). An owner's next cart counts on from it, so versions never restart and an ETag a client kept
/// from a deleted cart can never name a new one. One small row per owner, written with the deletion.
/// </summary>
public sealed class DeletedCartsVersion
{
    private DeletedCartsVersion()
    {
        OwnerId = string.Empty;
    }

    public DeletedCartsVersion(CartOwner owner, long version, DateTimeOffset now)
    {
        OwnerKind = owner.Kind;
        OwnerId = owner.Id;
        Version = version;
        UpdatedAt = now;
    }

    public OwnerKind OwnerKind { get; private set; }

    public string OwnerId { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Raises the version to <paramref name="version"/> (never lowers it).</summary>
    public void RaiseTo(long version, DateTimeOffset now)
    {
        if (version > Version)
        {
            Version = version;
            UpdatedAt = now;
        }
    }
}
