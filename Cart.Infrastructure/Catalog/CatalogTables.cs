using Cart.Domain.Catalog;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Catalog;

/// <summary>The Catalog module's table of products. Other modules read products through <c>IProductCatalog</c>.</summary>
public static class CatalogTables
{
    public static DbSet<Product> Products(this CartDbContext db) => db.Set<Product>();
}
