using System.Net;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Domain.Reporting;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Reporting;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Reporting;

/// <summary>Hosts for the roll-up tests, the data they roll up, and the rows they leave.</summary>
internal static class ReportingHost
{
    /// <summary>A UTC midnight in the future: tokens signed now (by the real clock) are already valid then.</summary>
    public static readonly DateTimeOffset Day = new(2031, 3, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A host whose clock reads <paramref name="start"/> and whose jobs run only when a test runs them;
    /// holds last a day, so they are still held when a test rolls up hours later.</summary>
    public static CartAppFactory Create(TestDatabase database, DateTimeOffset start,
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Inventory:HoldDuration"] = "1.00:00:00",
            ["Inventory:HoldMaxLifetime"] = "1.00:00:00",
            [TestJobs.OnlyTriggered(MetricRollupJob.Id).Key] = TestJobs.OnlyWhenTriggered,
            [TestJobs.OnlyTriggered(HoldExpiryJob.Id).Key] = TestJobs.OnlyWhenTriggered,
            [TestJobs.OnlyTriggered(IdempotencyPurgeJob.Id).Key] = TestJobs.OnlyWhenTriggered,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = new CartAppFactory(database, settings: all, services: services);
        host.Clock.AdjustTime(start);
        return host;
    }

    /// <summary>Moves the host's clock to <paramref name="at"/> (never back).</summary>
    public static void At(this CartAppFactory host, DateTimeOffset at) => host.Clock.SetUtcNow(at);

    /// <summary>One run of the roll-up job, now by the host's clock, in a scope of its own (as Hangfire runs it).</summary>
    public static async Task RunRollupsAsync(this CartAppFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MetricRollupJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>A new active product in <paramref name="currency"/> with stock tracked (<paramref name="onHand"/>
    /// units); returns its SKU.</summary>
    public static async Task<string> NewProductAsync(this CartAppFactory host, string currency, decimal price,
        int onHand = 100)
    {
        var sku = $"{currency}-RPT-{Guid.NewGuid():N}"[..24];
        var now = host.Clock.GetUtcNow();
        await host.WithDbAsync(async db =>
        {
            db.Products().Add(new Product(sku, "Reported item", null, price, currency, true, now));
            db.Stock().Add(new StockItem(sku, onHand, now));
            await db.SaveChangesAsync();
        });
        return sku;
    }

    /// <summary>A client for <paramref name="userId"/> whose token is valid now by the host's clock.</summary>
    public static HttpClient Shopper(this CartAppFactory host, string userId) =>
        host.ClientWithToken(TestAuth.Shopper(userId, now: host.Clock.GetUtcNow()));

    /// <summary>Checks out <paramref name="userId"/>'s cart through the API; returns the order's id.</summary>
    public static async Task<string> CheckOutAsync(this CartAppFactory host, string userId)
    {
        var order = await (await host.Shopper(userId).SendAsync(CartApi.CheckoutRequest($"k-{Guid.NewGuid():N}")))
            .ExpectAsync(HttpStatusCode.Created);
        return order.GetProperty("orderId").GetString()!;
    }

    /// <summary>The id of <paramref name="userId"/>'s latest cart.</summary>
    public static Task<string> CartIdOfAsync(this CartAppFactory host, string userId) =>
        host.WithDbAsync(db => db.Carts().AsNoTracking().Where(c => c.OwnerId == userId)
            .OrderByDescending(c => c.Version).Select(c => c.Id).FirstAsync());

    /// <summary>Appends a timeline entry as the cleanup or the reminders would, at <paramref name="at"/>.</summary>
    public static Task AppendEventAsync(this CartAppFactory host, string cartId, string type, DateTimeOffset at,
        int? quantity = null, string? detail = null) =>
        host.WithDbAsync(async db =>
        {
            db.CartEvents().Add(new CartEvent(cartId, null, new CartActivity(type, Quantity: quantity, Detail: detail),
                CartActor.Job("reminders"), at));
            await db.SaveChangesAsync();
        });

    /// <summary>The figures of one stored period, or null when it was never rolled up.</summary>
    public static async Task<MetricPeriod?> PeriodAsync(this CartAppFactory host, PeriodKind kind,
        DateTimeOffset start)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var periods = await scope.ServiceProvider.GetRequiredService<IMetricRollups>()
            .PeriodsAsync(kind, start, start.AddMinutes(1), CancellationToken.None);
        return periods.SingleOrDefault();
    }

    /// <summary>The figures of one stored period, which must have been rolled up.</summary>
    public static async Task<MetricPeriod> RolledUpAsync(this CartAppFactory host, PeriodKind kind,
        DateTimeOffset start)
    {
        var period = await host.PeriodAsync(kind, start);
        Assert.True(period is not null, $"{kind} {start:O} was not rolled up");
        return period;
    }

    /// <summary>Every stored row of the roll-ups, periods and figures, in key order, as text to compare.</summary>
    public static Task<List<string>> AllRowsAsync(this CartAppFactory host) =>
        host.WithDbAsync(async db =>
        {
            var periods = (await db.RollupPeriods().AsNoTracking().ToListAsync())
                .Select(p => $"period {p.Kind} {p.Start:O} as of {p.AsOf:O} final={p.IsFinal}");
            var figures = (await db.MetricRollups().AsNoTracking().ToListAsync())
                .Select(r => $"figure {r.Kind} {r.Start:O} {r.Metric} [{r.Dimension}] = {r.Value}");
            return periods.Concat(figures).Order(StringComparer.Ordinal).ToList();
        });

    /// <summary>The figures of a period as "metric[dimension]" → value, for Assert.Equal on a whole period.</summary>
    public static SortedDictionary<string, decimal> Table(this MetricPeriod period) =>
        new(period.Figures.ToDictionary(f => f.Dimension.Length == 0 ? f.Metric : $"{f.Metric}[{f.Dimension}]",
            f => f.Value), StringComparer.Ordinal);

    /// <summary>The figures of a period with no activity at all: counts of zero, no rates or averages.</summary>
    public static SortedDictionary<string, decimal> Quiet() => new(StringComparer.Ordinal)
    {
        [MetricNames.CartsCreated] = 0,
        [MetricNames.ActiveCarts] = 0,
        [MetricNames.CartsWithItems] = 0,
        [MetricNames.Checkouts] = 0,
        [MetricNames.RemindersSent] = 0,
        [MetricNames.ReminderLinksOpened] = 0,
        [MetricNames.RecoveredCarts] = 0,
    };
}
