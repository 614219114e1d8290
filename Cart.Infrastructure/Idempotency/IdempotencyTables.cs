using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Idempotency;

/// <summary>The Idempotency-Key records, used only through <c>IdempotencyStore</c> and its purge.</summary>
public static class IdempotencyTables
{
    public static DbSet<IdempotencyRecord> IdempotencyRecords(this CartDbContext db) => db.Set<IdempotencyRecord>();
}
