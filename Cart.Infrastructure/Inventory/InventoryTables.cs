using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Inventory;

/// <summary>
/// The Inventory module's tables: stock per SKU and the holds on it. Other modules hold and sell stock through
/// <c>IStockHolds</c>.
/// </summary>
public static class InventoryTables
{
    public static DbSet<StockItem> Stock(this CartDbContext db) => db.Set<StockItem>();

    public static DbSet<StockHold> StockHolds(this CartDbContext db) => db.Set<StockHold>();
}
