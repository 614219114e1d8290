using Cart.Domain.Common;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Carts;

internal sealed class DeletedCartsVersionConfiguration : IEntityTypeConfiguration<DeletedCartsVersion>
{
    public void Configure(EntityTypeBuilder<DeletedCartsVersion> builder)
    {
        builder.ToTable("deleted_carts_versions");
        // Owner id first: the cleanup looks a batch's owners up by id alone.
        builder.HasKey(v => new { v.OwnerId, v.OwnerKind });
        builder.Property(v => v.OwnerKind).HasConversion(ColumnConversions.LowerCaseEnum<OwnerKind>()).HasMaxLength(8);
        builder.Property(v => v.OwnerId).HasMaxLength(128);
    }
}
