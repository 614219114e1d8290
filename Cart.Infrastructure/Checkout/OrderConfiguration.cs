using Cart.Domain.Checkout;
using Cart.Domain.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Checkout;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(32);
        builder.Property(o => o.CartId).HasMaxLength(32);
        builder.Property(o => o.OwnerKind).HasConversion(ColumnConversions.LowerCaseEnum<OwnerKind>()).HasMaxLength(8);
        builder.Property(o => o.OwnerId).HasMaxLength(128);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.Status).HasConversion(ColumnConversions.SnakeCaseEnum<OrderStatus>()).HasMaxLength(32);
        builder.Property(o => o.Total).HasPrecision(ColumnConversions.MoneyPrecision, ColumnConversions.MoneyScale);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One order per cart, whatever races: a second checkout of the same cart cannot commit.
        builder.HasIndex(o => o.CartId).IsUnique().HasDatabaseName("ux_orders_cart");
        builder.HasIndex(o => new { o.OwnerKind, o.OwnerId, o.CreatedAt }).HasDatabaseName("ix_orders_owner");
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines");
        builder.HasKey(l => new { l.OrderId, l.Sku });
        builder.Property(l => l.OrderId).HasMaxLength(32);
        builder.Property(l => l.Sku).HasMaxLength(Sku.MaxLength);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.UnitPrice).HasPrecision(ColumnConversions.MoneyPrecision, ColumnConversions.MoneyScale);
        builder.Property(l => l.LineTotal).HasPrecision(ColumnConversions.MoneyPrecision, ColumnConversions.MoneyScale);
    }
}
