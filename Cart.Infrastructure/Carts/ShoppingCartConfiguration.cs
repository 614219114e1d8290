using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Carts;

internal sealed class ShoppingCartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> builder)
    {
        builder.ToTable("carts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(32);
        builder.Property(c => c.OwnerKind).HasConversion(ColumnConversions.LowerCaseEnum<OwnerKind>()).HasMaxLength(8);
        builder.Property(c => c.OwnerId).HasMaxLength(128);
        builder.Property(c => c.Status).HasConversion(ColumnConversions.LowerCaseEnum<CartStatus>()).HasMaxLength(16);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.MergedIntoCartId).HasMaxLength(32);

        // Every change bumps the version, so two writers of one cart can never both commit (no lost update).
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Owner);
        builder.Ignore(c => c.TotalItems);
        builder.Ignore(c => c.Subtotal);
        builder.Ignore(c => c.Activity);

        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One active cart per owner; closed (merged) guest carts stay for history.
        builder.HasIndex(c => new { c.OwnerKind, c.OwnerId })
            .IsUnique()
            .HasFilter("status = 'active'")
            .HasDatabaseName("ux_carts_active_owner");
        builder.HasIndex(c => c.OwnerId).HasDatabaseName("ix_carts_owner_id");
        builder.HasIndex(c => c.UpdatedAt).HasDatabaseName("ix_carts_updated_at");
        // The roll-ups count the carts created in an hour or a day.
        builder.HasIndex(c => c.CreatedAt).HasDatabaseName("ix_carts_created_at");
        // The cleanup's batches: the least recently active carts first, without a scan.
        builder.HasIndex(c => c.LastActiveAt).HasDatabaseName("ix_carts_last_active_at");
    }
}
