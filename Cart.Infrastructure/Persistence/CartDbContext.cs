using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Persistence;

/// <summary>
/// The system of record. One context for every provider; each provider has a derived context
/// (<see cref="SqliteCartDbContext"/>, <see cref="PostgreSqlCartDbContext"/>, <see cref="SqlServerCartDbContext"/>)
/// so that each keeps its own migrations. Also holds the admin console's staff accounts (ASP.NET Core Identity) and the
/// Data Protection key ring, so every instance signs and reads the same cookies.
/// </summary>
/// <remarks>
/// The context names no module's table: each module keeps its entity configurations and its accessors
/// (<c>CartTables</c>, <c>InventoryTables</c>, ...) in its own folder, found here by assembly scan, so only the module
/// that owns a table reaches it. One context keeps one database and one transaction per change.
/// </remarks>
public abstract class CartDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder); // Identity's tables, renamed by StaffIdentityConfiguration
        builder.ApplyConfigurationsFromAssembly(typeof(CartDbContext).Assembly);
    }
}

public sealed class SqliteCartDbContext(DbContextOptions<SqliteCartDbContext> options) : CartDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text in SQL; stored as ticks the cleanup scans still work.
        configurationBuilder.Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgreSqlCartDbContext(DbContextOptions<PostgreSqlCartDbContext> options)
    : CartDbContext(options);

public sealed class SqlServerCartDbContext(DbContextOptions<SqlServerCartDbContext> options)
    : CartDbContext(options);
