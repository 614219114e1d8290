using Cart.Domain.Carts;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Carts;

/// <summary>
/// The Carts module's tables: carts, their lines, their timeline and the versions of deleted carts. Only the Carts
/// module uses them; other modules go through its interfaces (<c>ICartDirectory</c>, <c>ICartTimeline</c>).
/// </summary>
public static class CartTables
{
    public static DbSet<ShoppingCart> Carts(this CartDbContext db) => db.Set<ShoppingCart>();

    public static DbSet<CartLine> CartLines(this CartDbContext db) => db.Set<CartLine>();

    public static DbSet<CartEvent> CartEvents(this CartDbContext db) => db.Set<CartEvent>();

    public static DbSet<DeletedCartsVersion> DeletedCartsVersions(this CartDbContext db) => db.Set<DeletedCartsVersion>();
}
