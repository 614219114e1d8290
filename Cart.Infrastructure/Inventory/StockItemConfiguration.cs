using Cart.Domain.Common;
using Cart.Domain.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Inventory;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> builder)
    {
        builder.ToTable("stock", table =>
        {
            // The conditional updates keep these true; the database refuses anything that would not.
            table.HasCheckConstraint("ck_stock_reserved_within_on_hand", "reserved >= 0 AND reserved <= on_hand");
        });
        builder.HasKey(s => s.Sku);
        builder.Property(s => s.Sku).HasMaxLength(Sku.MaxLength);
    }
}
