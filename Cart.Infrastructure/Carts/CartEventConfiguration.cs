using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Carts;

internal sealed class CartEventConfiguration : IEntityTypeConfiguration<CartEvent>
{
    public void Configure(EntityTypeBuilder<CartEvent> builder)
    {
        builder.ToTable("cart_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.CartId).HasMaxLength(32);
        builder.Property(e => e.OwnerKind).HasConversion(ColumnConversions.LowerCaseEnum<OwnerKind>()).HasMaxLength(8);
        builder.Property(e => e.OwnerId).HasMaxLength(128);
        builder.Property(e => e.Type).HasMaxLength(32);
        builder.Property(e => e.Sku).HasMaxLength(Sku.MaxLength);
        builder.Property(e => e.Detail).HasMaxLength(200);
        builder.Property(e => e.ActorKind).HasConversion(ColumnConversions.LowerCaseEnum<ActorKind>()).HasMaxLength(16);
        builder.Property(e => e.ActorId).HasMaxLength(160);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        // Its own column rather than Detail: Detail carries the entry's own data (a merge's cart, a removed line's price).
        builder.Property(e => e.Reason).HasMaxLength(SupportReasons.MaxLength);

        // A cart's timeline in order; the figures by time and kind.
        builder.HasIndex(e => new { e.CartId, e.Id }).HasDatabaseName("ix_cart_events_cart");
        builder.HasIndex(e => new { e.At, e.Type }).HasDatabaseName("ix_cart_events_at_type");
    }
}
