using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Inventory;

internal sealed class StockHoldConfiguration : IEntityTypeConfiguration<StockHold>
{
    public void Configure(EntityTypeBuilder<StockHold> builder)
    {
        builder.ToTable("stock_holds");
        builder.HasKey(h => new { h.CartId, h.Sku });
        builder.Property(h => h.CartId).HasMaxLength(32);
        builder.Property(h => h.Sku).HasMaxLength(Sku.MaxLength);
        builder.Property(h => h.Status).HasConversion(ColumnConversions.LowerCaseEnum<HoldStatus>()).HasMaxLength(16);
        builder.Property(h => h.Holder).HasMaxLength(HoldLimits.HolderKeyMaxLength);
        builder.Ignore(h => h.Reserving);
        builder.Ignore(h => h.EndedAt);

        // The expiry sweep and the "lapsed holds of a SKU" look-ups: active holds by SKU and expiry.
        builder.HasIndex(h => new { h.Sku, h.ExpiresAt })
            .HasFilter("status = 'active'")
            .HasDatabaseName("ix_stock_holds_active_sku_expiry");
        // A holder's budget and run: its holds of one SKU, over all its carts (ended ones too, for the pause).
        builder.HasIndex(h => new { h.Holder, h.Sku })
            .HasDatabaseName("ix_stock_holds_holder_sku");
        builder.HasIndex(h => h.ExpiresAt)
            .HasFilter("status = 'active'")
            .HasDatabaseName("ix_stock_holds_active_expiry");
    }
}
