using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Sku);
        builder.Property(p => p.Sku).HasMaxLength(Sku.MaxLength);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.ImageUrl).HasMaxLength(500);
        builder.Property(p => p.Price).HasPrecision(ColumnConversions.MoneyPrecision, ColumnConversions.MoneyScale);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(p => p.Name).HasDatabaseName("ix_products_name");
    }
}
