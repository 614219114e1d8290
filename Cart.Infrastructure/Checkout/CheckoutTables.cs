using Cart.Domain.Checkout;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Checkout;

/// <summary>
/// The Checkout module's orders (with their lines). Other modules place and read orders through <c>IOrderBook</c>.
/// </summary>
public static class CheckoutTables
{
    public static DbSet<Order> Orders(this CartDbContext db) => db.Set<Order>();
}
