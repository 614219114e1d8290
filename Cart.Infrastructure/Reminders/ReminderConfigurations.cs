using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Reminders;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.CartId).HasMaxLength(32);
        builder.Property(r => r.OwnerId).HasMaxLength(128);
        builder.Property(r => r.Email).HasMaxLength(EmailAddresses.MaxLength);
        builder.Property(r => r.Status).HasConversion(ColumnConversions.LowerCaseEnum<ReminderStatus>()).HasMaxLength(16);
        builder.Property(r => r.LastError).HasMaxLength(500);
        builder.Ignore(r => r.Owner);

        // One reminder per step of an idle period: the row that inserts first is the one that is sent.
        builder.HasIndex(r => new { r.CartId, r.CartVersion, r.Step }).IsUnique().HasDatabaseName("ux_reminders_cart_step");
        // The sends that are due (first tries and retries).
        builder.HasIndex(r => new { r.Status, r.NextAttemptAt }).HasDatabaseName("ix_reminders_status_next_attempt");
        // Followed links, for the recovery pass.
        builder.HasIndex(r => r.LinkOpenedAt).HasDatabaseName("ix_reminders_link_opened_at");
    }
}

internal sealed class ShopperEmailConfiguration : IEntityTypeConfiguration<ShopperEmail>
{
    public void Configure(EntityTypeBuilder<ShopperEmail> builder)
    {
        builder.ToTable("shopper_emails");
        builder.HasKey(e => e.UserId);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.Email).HasMaxLength(EmailAddresses.MaxLength);
        // Support's cart look-up by email: the shoppers stored with an address, without a scan.
        builder.HasIndex(e => e.Email).HasDatabaseName("ix_shopper_emails_email");
    }
}

internal sealed class ReminderUnsubscribeConfiguration : IEntityTypeConfiguration<ReminderUnsubscribe>
{
    public void Configure(EntityTypeBuilder<ReminderUnsubscribe> builder)
    {
        builder.ToTable("reminder_unsubscribes");
        builder.HasKey(u => u.Email);
        builder.Property(u => u.Email).HasMaxLength(EmailAddresses.MaxLength);
    }
}

internal sealed class ReminderRecoveryConfiguration : IEntityTypeConfiguration<ReminderRecovery>
{
    public void Configure(EntityTypeBuilder<ReminderRecovery> builder)
    {
        builder.ToTable("reminder_recoveries");
        builder.HasKey(r => r.OrderId);
        builder.Property(r => r.OrderId).HasMaxLength(32);
        builder.Property(r => r.ReminderId).HasMaxLength(40);
        builder.Property(r => r.CartId).HasMaxLength(32);
        builder.Property(r => r.Revenue).HasPrecision(ColumnConversions.MoneyPrecision, ColumnConversions.MoneyScale);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(r => r.CartId).HasDatabaseName("ix_reminder_recoveries_cart_id");
    }
}

internal sealed class ReminderScanPositionConfiguration : IEntityTypeConfiguration<ReminderScanPosition>
{
    public void Configure(EntityTypeBuilder<ReminderScanPosition> builder)
    {
        builder.ToTable("reminder_scan_positions");
        builder.HasKey(p => p.Step);
        builder.Property(p => p.Step).ValueGeneratedNever();
    }
}
