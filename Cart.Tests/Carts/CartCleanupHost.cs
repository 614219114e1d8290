using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Carts;

/// <summary>The cleanup's test helpers: a shopper who comes back later, one pass run now, and what it left.</summary>
internal static class CartCleanupHost
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Settings of a host whose cleanup runs only when a test runs it.</summary>
    public static Dictionary<string, string?> Settings(int batchSize = 500) => new()
    {
        ["Carts:InactiveAfter"] = "30.00:00:00",
        ["Carts:CleanupBatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [TestJobs.OnlyTriggered(CartCleanupJob.Id).Key] = TestJobs.OnlyWhenTriggered,
    };

    /// <summary>A client for <paramref name="userId"/> with a token valid by the host's clock now.</summary>
    public static HttpClient ShopperNow(this CartAppFactory host, string userId) =>
        host.ClientWithToken(TestAuth.Shopper(userId, now: host.Clock.GetUtcNow()));

    /// <summary>Runs one cleanup pass on <paramref name="host"/>, as its schedule would; returns the carts deleted.</summary>
    public static async Task<int> CleanUpAsync(this CartAppFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InactiveCartCleanup>()
            .DeleteInactiveAsync(CancellationToken.None);
    }

    public static Task<bool> CartExistsAsync(this CartAppFactory host, string cartId) =>
        host.WithDbAsync(db => db.Carts().AsNoTracking().AnyAsync(c => c.Id == cartId));

    /// <summary>The <c>cart_deleted</c> events of the cart.</summary>
    public static Task<List<Cart.Domain.Carts.CartEvent>> DeletionsOfAsync(this CartAppFactory host, string cartId) =>
        host.WithDbAsync(db => db.CartEvents().AsNoTracking()
            .Where(e => e.CartId == cartId && e.Type == Cart.Domain.Carts.CartActivityTypes.CartDeleted)
            .ToListAsync());

    public static Task<DateTimeOffset> LastActiveAtAsync(this CartAppFactory host, string cartId) =>
        host.WithDbAsync(db => db.Carts().AsNoTracking().Where(c => c.Id == cartId).Select(c => c.LastActiveAt)
            .SingleAsync());

    /// <summary>Waits until the reads so far are written down as activity (that happens off the read path).</summary>
    public static async Task ReadsRecordedAsync(this CartAppFactory host)
    {
        var activity = host.Services.GetRequiredService<Cart.Web.Carts.CartReadActivity>();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(activity.IsIdle)), "reads were not recorded");
    }

    public static string? RedisFor(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSql ? ApiFixture.RedisAddress : null;
}
