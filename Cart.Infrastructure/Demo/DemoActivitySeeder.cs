using System.Diagnostics;
using Cart.Domain.Common;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Demo;

/// <summary>
/// Seeds a month of demo shopping over the demo catalog (<see cref="DemoCartStory"/>) and then rolls it up with the
/// real roll-up code (<see cref="DemoRollups"/>), so every page and chart of the console shows computed figures.
/// Deterministic (a seeded Random) and done once: a database that has demo carts is left as it is. The caller decides
/// whether to seed at all (Development only).
/// </summary>
public sealed partial class DemoActivitySeeder(
    CartDbContext db,
    DemoRollups rollups,
    IOptions<DemoActivityOptions> options,
    IOptions<InventoryOptions> inventory,
    IOptions<RemindersOptions> reminders,
    TimeProvider clock,
    ILogger<DemoActivitySeeder> logger)
{
    public const int Days = 30;

    /// <summary>The owners of demo carts start so (<c>demo-user-…</c>, <c>g_demo…</c>): how a seeded database is told.</summary>
    private const string UserPrefix = "demo-user-";

    private const int CartsPerSave = 500;

    /// <summary>Carts still being filled now, whose holds are live (some lapse within minutes).</summary>
    private const int CartsNow = 40;

    /// <summary>Shoppers' hours (UTC) by weight: lunch and evening in the markets (UTC+7 and +8), quiet at night.</summary>
    private static readonly int[] HourWeights =
        [6, 6, 7, 8, 9, 9, 8, 7, 6, 6, 7, 9, 12, 14, 14, 11, 6, 3, 2, 1, 1, 1, 2, 4];

    /// <summary>Seeds and rolls up the month; false when the database already has it or has no demo catalog.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Carts().AnyAsync(c => c.OwnerKind == OwnerKind.User && c.OwnerId.StartsWith(UserPrefix),
                cancellationToken))
        {
            return false;
        }

        var markets = await DemoProducts.ByCurrencyAsync(db, cancellationToken);
        if (markets.Count == 0)
        {
            LogNoCatalog(logger);
            return false;
        }

        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var carts = options.Value.Carts;
        await WriteAsync(markets, now, carts, cancellationToken);
        var written = watch.Elapsed;
        var periods = await rollups.RollUpAsync(now.AddDays(1 - Days), now, cancellationToken);
        LogSeeded(logger, carts, Days, written.TotalSeconds, periods, (watch.Elapsed - written).TotalSeconds);
        return true;
    }

    private async Task WriteAsync(Dictionary<string, List<DemoProduct>> markets, DateTimeOffset now, int carts,
        CancellationToken cancellationToken)
    {
        var random = new Random(20261201);
        var liveHolds = new Dictionary<string, int>(StringComparer.Ordinal);
        var story = new DemoCartStory(db, random, now, inventory.Value.HoldDuration, liveHolds);
        var currencies = markets.Keys.ToList();
        var firstDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - Days);

        // One transaction: a start that stops half-way leaves nothing, and the next start seeds again.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Every entity is new (inserted with the values it has at the save): scanning them for changes is wasted work.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var number = 0; number < carts; number++)
        {
            var quickly = number >= carts - CartsNow;
            var start = quickly
                ? now - TimeSpan.FromSeconds(random.Next(30, (int)inventory.Value.HoldDuration.TotalSeconds))
                : StartOf(random, firstDay.AddDays(number * Days / carts), now);
            story.Write(number, start, markets[currencies[random.Next(currencies.Count)]], quickly);
            if ((number + 1) % CartsPerSave == 0 || number == carts - 1)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        // The reminders job starts its scans from now: the demo's reminders are already written, and its first pass
        // would otherwise catch up on a day of demo carts and email them again.
        for (var step = 1; step <= reminders.Value.Sequence.Count; step++)
        {
            var position = step;
            if (!await db.Set<ReminderScanPosition>().AnyAsync(p => p.Step == position, cancellationToken))
            {
                db.Add(new ReminderScanPosition(step, now - reminders.Value.Sequence[step - 1]));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Live holds reserve their units, as the write path's conditional update would.
        foreach (var (sku, units) in liveHolds)
        {
            await db.Stock().Where(s => s.Sku == sku && s.OnHand - s.Reserved >= units)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Reserved, s => s.Reserved + units), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    /// <summary>A time of <paramref name="day"/> by the shoppers' hours, before <paramref name="now"/>.</summary>
    private static DateTimeOffset StartOf(Random random, DateTimeOffset day, DateTimeOffset now)
    {
        var pick = random.Next(HourWeights.Sum());
        var hour = 0;
        while (pick >= HourWeights[hour])
        {
            pick -= HourWeights[hour++];
        }

        var start = day.AddHours(hour).AddSeconds(random.Next(3600));
        // Today is not over: its carts fall in the part of it that has passed.
        return start < now.AddMinutes(-20) ? start : day + ((now.AddMinutes(-20) - day) * random.NextDouble());
    }

    [LoggerMessage(LogLevel.Information,
        "Seeded {Carts} demo carts over {Days} days in {WriteSeconds:0.0} s and rolled up {Periods} periods in {RollupSeconds:0.0} s")]
    private static partial void LogSeeded(ILogger logger, int carts, int days, double writeSeconds, int periods,
        double rollupSeconds);

    [LoggerMessage(LogLevel.Information, "No demo activity seeded: the catalog has no active products")]
    private static partial void LogNoCatalog(ILogger logger);
}
