using Cart.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cart.Infrastructure.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(160);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyLimits.MaxKeyLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.ClaimToken).HasMaxLength(32).IsConcurrencyToken();
        builder.Property(r => r.ResponseEtag).HasMaxLength(64);
        builder.Property(r => r.ResponseLocation).HasMaxLength(300);
        builder.HasIndex(r => r.ExpiresAt).HasDatabaseName("ix_idempotency_records_expires_at");
        // The per-caller bound evicts a caller's oldest records first.
        builder.HasIndex(r => new { r.Scope, r.CreatedAt }).HasDatabaseName("ix_idempotency_records_scope_created_at");
    }
}
