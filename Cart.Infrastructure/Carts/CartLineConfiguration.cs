using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Carts;

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> builder)
    {
        builder.ToTable("cart_items");
        builder.HasKey(l => new { l.CartId, l.Sku });
        builder.Property(l => l.CartId).HasMaxLength(32);
        builder.Property(l => l.Sku).HasMaxLength(Sku.MaxLength);
        builder.Property(l => l.UnitPrice).HasPrecision(ColumnConversions.MoneyPrecision, ColumnConversions.MoneyScale);
        builder.Property(l => l.Variant)
            .HasConversion(ColumnConversions.VariantJson(), ColumnConversions.VariantComparer());
        builder.Ignore(l => l.LineTotal);
        builder.Ignore(l => l.ChangedInThisChange);
        builder.Ignore(l => l.HoldReleasedInThisChange);
    }
}
