using Cart.Domain.Carts;
using Cart.Domain.Reporting;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reporting;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static Cart.Tests.Reporting.ReportingHost;

namespace Cart.Tests.Reporting;

/// <summary>
/// The job <c>metric-rollups</c>: each figure from known carts, events, orders and holds, by hour and day (UTC), at the
/// boundaries, and what a second run, a late run and a run after the period is final leave. Each test has a database
/// of its own: the job rolls up everything it finds.
/// </summary>
public abstract class MetricRollupJobTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunAsync_WhenCartsCheckoutsAndRemindersHappened_ComputesEachFigureByHourAndDay()
    {
        await using var host = Create(Database, Day.AddHours(9).AddMinutes(50));
        var sgd = await host.NewProductAsync("SGD", 5.00m);
        var sgdUntracked = await host.NewProductAsync("SGD", 5.00m);
        var thb = await host.NewProductAsync("THB", 100m);
        var (c, a, b) = (ApiFixture.NewUserId(), ApiFixture.NewUserId(), ApiFixture.NewUserId());

        // 09:50 C puts one line in (and never checks out).
        await host.Shopper(c).AddAsync(sgd, 1);
        // 10:05 A puts two lines in, 10:10 checks out: an order of 15 SGD.
        host.At(Day.AddHours(10).AddMinutes(5));
        await host.Shopper(a).AddAsync(sgd, 2);
        await host.Shopper(a).AddAsync(sgdUntracked, 1);
        host.At(Day.AddHours(10).AddMinutes(10));
        var orderOfA = await host.CheckOutAsync(a);
        // 10:15 B puts three units of one THB line in, and leaves them.
        host.At(Day.AddHours(10).AddMinutes(15));
        await host.Shopper(b).AddAsync(thb, 3);
        // 10:30 the reminders (written here as their job will): one sent to B, its link opened, and A's order
        // counted as recovered.
        var at = Day.AddHours(10).AddMinutes(30);
        var cartOfB = await host.CartIdOfAsync(b);
        await host.AppendEventAsync(cartOfB, CartActivityTypes.ReminderSent, at, quantity: 1, detail: "r1");
        await host.AppendEventAsync(cartOfB, CartActivityTypes.ReminderLinkOpened, at, detail: "r1");
        await host.AppendEventAsync(await host.CartIdOfAsync(a), CartActivityTypes.CartRecovered, at, quantity: 1,
            detail: orderOfA);

        host.At(Day.AddHours(11).AddMinutes(30));
        await host.RunRollupsAsync();

        var nine = await host.RolledUpAsync(PeriodKind.Hour, Day.AddHours(9));
        Assert.Equal(Expected(created: 1, active: 1, withItems: 1, checkouts: 0, abandonment: 1m, conversion: 0m,
            lines: 1m, values: [("SGD", 5m)], abandoned: [(sgd, 1)]), nine.Table());
        var ten = await host.RolledUpAsync(PeriodKind.Hour, Day.AddHours(10));
        Assert.Equal(Expected(created: 2, active: 2, withItems: 2, checkouts: 1, abandonment: 0.5m, conversion: 0.5m,
            lines: 1.5m, values: [("SGD", 15m), ("THB", 300m)], reminders: 1, opened: 1, recovered: 1,
            revenue: [("SGD", 15m)], abandoned: [(thb, 3)]), ten.Table());
        Assert.True(ten.IsFinal);
        var eleven = await host.RolledUpAsync(PeriodKind.Hour, Day.AddHours(11));
        Assert.Equal(Quiet(), eleven.Table());
        Assert.False(eleven.IsFinal);
        var day = await host.RolledUpAsync(PeriodKind.Day, Day);
        Assert.Equal(Expected(created: 3, active: 3, withItems: 3, checkouts: 1, abandonment: 0.6667m,
            conversion: 0.3333m, lines: 1.3333m, values: [("SGD", 10m), ("THB", 300m)], reminders: 1, opened: 1,
            recovered: 1, revenue: [("SGD", 15m)], abandoned: [(sgd, 1), (thb, 3)]), day.Table());
        Assert.False(day.IsFinal);
        Assert.Equal(Day.AddHours(11).AddMinutes(30), day.AsOf);
        var yesterday = await host.RolledUpAsync(PeriodKind.Day, Day.AddDays(-1));
        Assert.Equal(Quiet(), yesterday.Table());
        Assert.True(yesterday.IsFinal);

        // Held now: C's unit and B's three (A's were sold).
        var held = await host.RolledUpAsync(PeriodKind.Snapshot, RollupPeriod.SnapshotStart);
        Assert.Equal(new SortedDictionary<string, decimal>(StringComparer.Ordinal)
        {
            [$"{MetricNames.UnitsHeld}[{sgd}]"] = 1,
            [$"{MetricNames.UnitsHeld}[{thb}]"] = 3,
        }, held.Table());
    }

    [Fact]
    public async Task RunAsync_WhenHoldsLapsedOrWereReleased_LeavesThemOutOfTheHeldUnits()
    {
        await using var host = Create(Database, Day.AddHours(9).AddMinutes(50));
        var (early, late, shrunk) = (await host.NewProductAsync("SGD", 1m), await host.NewProductAsync("SGD", 1m),
            await host.NewProductAsync("SGD", 1m));
        var shopper = ApiFixture.NewUserId();
        await host.Shopper(shopper).AddAsync(early, 2);
        host.At(Day.AddHours(10).AddMinutes(15));
        await host.Shopper(shopper).AddAsync(late, 4);
        await host.Shopper(shopper).AddAsync(shrunk, 5);
        await (await host.Shopper(shopper).PutJsonAsync(CartApi.Item(shrunk), new { quantity = 2 }))
            .ExpectAsync(System.Net.HttpStatusCode.OK);

        // Holds last a day: the first lapses at 09:50 the next day, the others at 10:15.
        host.At(Day.AddDays(1).AddHours(10));
        await host.RunRollupsAsync();

        var held = await host.RolledUpAsync(PeriodKind.Snapshot, RollupPeriod.SnapshotStart);
        Assert.Equal(new SortedDictionary<string, decimal>(StringComparer.Ordinal)
        {
            [$"{MetricNames.UnitsHeld}[{late}]"] = 4,
            [$"{MetricNames.UnitsHeld}[{shrunk}]"] = 2,
        }, held.Table());
    }

    [Fact]
    public async Task RunAsync_WhenMoreSkusWereLeftInCartsThanKept_KeepsTheAbandonedUnitsOfTheTopSkus()
    {
        await using var host = Create(Database, Day.AddHours(10),
            settings: new Dictionary<string, string?> { ["Reporting:AbandonedSkus"] = "2" });
        var (most, fewest, middle) = (await host.NewProductAsync("SGD", 1m), await host.NewProductAsync("SGD", 1m),
            await host.NewProductAsync("SGD", 1m));
        var (left, alsoLeft, bought) = (ApiFixture.NewUserId(), ApiFixture.NewUserId(), ApiFixture.NewUserId());
        await host.Shopper(left).AddAsync(most, 3);
        await host.Shopper(left).AddAsync(fewest, 1);
        await host.Shopper(alsoLeft).AddAsync(most, 2);
        await host.Shopper(alsoLeft).AddAsync(middle, 3);
        // A cart checked out in the period abandoned nothing, however much it held.
        await host.Shopper(bought).AddAsync(fewest, 9);
        await host.CheckOutAsync(bought);

        host.At(Day.AddHours(11).AddMinutes(10));
        await host.RunRollupsAsync();

        var ten = await host.RolledUpAsync(PeriodKind.Hour, Day.AddHours(10));
        Assert.Equal(new Dictionary<string, decimal> { [most] = 5, [middle] = 3 },
            ten.ByDimension(MetricNames.AbandonedUnits));
    }

    [Fact]
    public async Task RunAsync_WhenActivityIsAtTheEdgesOfHoursAndDays_CountsItInThePeriodItStarts()
    {
        var justBefore = Day.AddTicks(-TimeSpan.TicksPerMillisecond);
        await using var host = Create(Database, justBefore);
        var sku = await host.NewProductAsync("SGD", 1m);

        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 1); // 23:59:59.999 the day before
        host.At(Day);
        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 1); // 00:00:00.000
        host.At(Day.AddHours(1).AddTicks(-TimeSpan.TicksPerMillisecond));
        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 1); // 00:59:59.999
        host.At(Day.AddHours(1));
        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 1); // 01:00:00.000
        host.At(Day.AddHours(1).AddMinutes(10));
        await host.RunRollupsAsync();

        async Task<decimal?> CreatedIn(PeriodKind kind, DateTimeOffset start) =>
            (await host.PeriodAsync(kind, start))?.Value(MetricNames.CartsCreated);
        Assert.Equal(1, await CreatedIn(PeriodKind.Day, Day.AddDays(-1)));
        Assert.Equal(1, await CreatedIn(PeriodKind.Hour, Day.AddHours(-1)));
        Assert.Equal(3, await CreatedIn(PeriodKind.Day, Day));
        Assert.Equal(2, await CreatedIn(PeriodKind.Hour, Day));
        Assert.Equal(1, await CreatedIn(PeriodKind.Hour, Day.AddHours(1)));
        Assert.Null(await host.PeriodAsync(PeriodKind.Hour, Day.AddHours(2))); // not begun: not rolled up
        Assert.Equal(2, (await host.RolledUpAsync(PeriodKind.Hour, Day)).Value(MetricNames.ActiveCarts));
    }

    [Fact]
    public async Task RunAsync_WhenAGuestCartIsMergedAtLogin_CountsTheShoppersCartOnly()
    {
        await using var host = Create(Database, Day.AddHours(10));
        var sku = await host.NewProductAsync("SGD", 2m);
        var (guest, guestToken, _) = await host.NewGuestAsync();
        await guest.AddAsync(sku, 1);
        var shopper = ApiFixture.NewUserId();
        await (await host.Shopper(shopper).PostJsonAsync(CartApi.Merge, new { guestToken }))
            .ExpectAsync(System.Net.HttpStatusCode.OK);
        host.At(Day.AddHours(10).AddMinutes(20));
        await host.CheckOutAsync(shopper);

        host.At(Day.AddHours(11).AddMinutes(10));
        await host.RunRollupsAsync();

        var ten = (await host.RolledUpAsync(PeriodKind.Hour, Day.AddHours(10)));
        Assert.Equal(2, ten.Value(MetricNames.CartsCreated));
        Assert.Equal(2, ten.Value(MetricNames.ActiveCarts));
        Assert.Equal(1, ten.Value(MetricNames.CartsWithItems));
        Assert.Equal(0, ten.Value(MetricNames.AbandonmentRate));
        Assert.Equal(0.5m, ten.Value(MetricNames.CheckoutConversion));
    }

    [Fact]
    public async Task RunAsync_WhenRunTwiceAtOneTime_LeavesIdenticalRows()
    {
        await using var host = Create(Database, Day.AddHours(10));
        var sku = await host.NewProductAsync("SGD", 3m);
        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 2);
        host.At(Day.AddHours(10).AddMinutes(5));

        await host.RunRollupsAsync();
        var first = await host.AllRowsAsync();
        await host.RunRollupsAsync();

        Assert.Equal(first, await host.AllRowsAsync());
        Assert.Contains(first, r => r.Contains(MetricNames.UnitsHeld, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WhenAPeriodWasRolledUpAfterItsMargin_NeverChangesItAgain()
    {
        await using var host = Create(Database, Day.AddHours(23).AddMinutes(50));
        var sku = await host.NewProductAsync("SGD", 3m);
        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 2);
        var cartId = await host.CartIdOfAsync(
            (await host.WithDbAsync(db => Task.FromResult(db.Carts().Select(c => c.OwnerId).Single()))));

        // Just after midnight, within the 5-minute margin: the day is rolled up, not yet final.
        host.At(Day.AddDays(1).AddMinutes(2));
        await host.RunRollupsAsync();
        Assert.False((await host.RolledUpAsync(PeriodKind.Day, Day)).IsFinal);

        // A change that committed late, with its time inside the day, is counted by the run after the margin...
        await host.AppendEventAsync(cartId, CartActivityTypes.ReminderSent, Day.AddHours(23).AddMinutes(59));
        host.At(Day.AddDays(1).AddMinutes(6));
        await host.RunRollupsAsync();
        var final = (await host.RolledUpAsync(PeriodKind.Day, Day));
        Assert.True(final.IsFinal);
        Assert.Equal(1, final.Value(MetricNames.RemindersSent));
        var finalRows = (await host.AllRowsAsync()).Where(r => r.Contains($"Day {Day:O}", StringComparison.Ordinal))
            .ToList();

        // ...and from then on the day is kept as it is, whatever a later run finds.
        await host.AppendEventAsync(cartId, CartActivityTypes.ReminderSent, Day.AddHours(23).AddMinutes(59));
        host.At(Day.AddDays(1).AddHours(3));
        await host.RunRollupsAsync();

        Assert.Equal(finalRows, (await host.AllRowsAsync())
            .Where(r => r.Contains($"Day {Day:O}", StringComparison.Ordinal)).ToList());
        Assert.Equal(Day.AddDays(1).AddHours(3), (await host.RolledUpAsync(PeriodKind.Day, Day.AddDays(1))).AsOf);
    }

    [Fact]
    public async Task RunAsync_WhenTwoInstancesRunAtOnce_LeaveTheRowsOneRunLeaves()
    {
        await using var first = Create(Database, Day.AddHours(10));
        var sku = await first.NewProductAsync("SGD", 3m);
        await first.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 2);
        await first.Shopper(ApiFixture.NewUserId()).AddAsync(sku, 1);
        first.At(Day.AddHours(10).AddMinutes(5));
        await using var second = Create(Database, first.Clock.GetUtcNow());
        second.StartServer();

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(first.RunRollupsAsync(), second.RunRollupsAsync(), first.RunRollupsAsync(),
                second.RunRollupsAsync());
        }

        var together = await first.AllRowsAsync();
        await first.WithDbAsync(async db =>
        {
            db.MetricRollups().RemoveRange(db.MetricRollups());
            db.RollupPeriods().RemoveRange(db.RollupPeriods());
            await db.SaveChangesAsync();
        });
        await first.RunRollupsAsync();
        Assert.Equal(await first.AllRowsAsync(), together);
    }

    [Fact]
    public async Task ReplaceAsync_WhenWritersOfOnePeriodRace_KeepsTheNewestComputationOnly()
    {
        await using var host = Create(Database, Day);
        host.StartServer();
        var writes = Enumerable.Range(1, 12).Select(async i =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<RollupStore>();
            await store.ReplaceAsync(PeriodKind.Hour, Day, Day.AddMinutes(i % 6), false,
                [new MetricFigure(MetricNames.Checkouts, MetricFigure.NoDimension, i % 6),
                    new MetricFigure(MetricNames.RecoveredRevenue, $"C{i % 6}", i)], CancellationToken.None);
        });

        await Task.WhenAll(writes);

        var period = (await host.RolledUpAsync(PeriodKind.Hour, Day));
        Assert.Equal(Day.AddMinutes(5), period.AsOf);
        Assert.Equal(5, period.Value(MetricNames.Checkouts));
        Assert.Equal(["C5"], period.ByDimension(MetricNames.RecoveredRevenue).Keys);
    }

    private static SortedDictionary<string, decimal> Expected(int created, int active, int withItems, int checkouts,
        decimal abandonment, decimal conversion, decimal lines, (string Currency, decimal Value)[] values,
        int reminders = 0, int opened = 0, int recovered = 0, (string Currency, decimal Value)[]? revenue = null,
        (string Sku, decimal Units)[]? abandoned = null)
    {
        var table = Quiet();
        table[MetricNames.CartsCreated] = created;
        table[MetricNames.ActiveCarts] = active;
        table[MetricNames.CartsWithItems] = withItems;
        table[MetricNames.Checkouts] = checkouts;
        table[MetricNames.AbandonmentRate] = abandonment;
        table[MetricNames.CheckoutConversion] = conversion;
        table[MetricNames.AverageLinesPerCart] = lines;
        table[MetricNames.RemindersSent] = reminders;
        table[MetricNames.ReminderLinksOpened] = opened;
        table[MetricNames.RecoveredCarts] = recovered;
        foreach (var (currency, value) in values)
        {
            table[$"{MetricNames.AverageCartValue}[{currency}]"] = value;
        }

        foreach (var (currency, value) in revenue ?? [])
        {
            table[$"{MetricNames.RecoveredRevenue}[{currency}]"] = value;
        }

        foreach (var (sku, units) in abandoned ?? [])
        {
            table[$"{MetricNames.AbandonedUnits}[{sku}]"] = units;
        }

        return table;
    }
}

public sealed class SqliteMetricRollupJobTests() : MetricRollupJobTests(DatabaseProvider.Sqlite);

public sealed class PostgresMetricRollupJobTests() : MetricRollupJobTests(DatabaseProvider.PostgreSql);
