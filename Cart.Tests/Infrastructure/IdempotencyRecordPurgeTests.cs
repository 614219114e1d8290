using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Infrastructure;

/// <summary>One purge pass, called directly (no timer), on fresh databases so every row is the test's own.</summary>
public sealed class IdempotencyRecordPurgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);
    private static readonly string Fingerprint = new('a', 64);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task PurgeExpiredAsync_WhenRecordsArePast24Hours_DeletesThemInShortBatchesAndKeepsTheRest(
        DatabaseProvider provider)
    {
        await using var database = await MigratedAsync(provider);
        var expired = Enumerable.Range(0, 10)
            .Select(i => new IdempotencyRecord("user:a", $"old-{i}", Fingerprint,
                Now - IdempotencyLimits.Retention - TimeSpan.FromMinutes(i)))
            .ToList();
        var live = new[]
        {
            new IdempotencyRecord("user:a", "new", Fingerprint, Now),
            // Expires a millisecond from now (SQLite keeps a tenth of a millisecond).
            new IdempotencyRecord("user:b", "almost", Fingerprint,
                Now - IdempotencyLimits.Retention + TimeSpan.FromMilliseconds(1)),
        };
        await SeedAsync(database, [.. expired, .. live]);

        var (db, capture) = StatementCapture.OnlineContext(provider, database.ConnectionString);
        await using (db)
        {
            var purged = await Purge(db, batchSize: 3).PurgeExpiredAsync(CancellationToken.None);

            Assert.Equal(10, purged);
            Assert.Equal(4, capture.Statements.Count(s => s.Contains("DELETE", StringComparison.Ordinal)));
        }

        await using var check = Open(database);
        Assert.Equal(["almost", "new"], await check.IdempotencyRecords().Select(r => r.Key).OrderBy(k => k).ToListAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task PurgeExpiredAsync_WhenRunAgain_DeletesNothing(DatabaseProvider provider)
    {
        await using var database = await MigratedAsync(provider);
        await SeedAsync(database,
            new IdempotencyRecord("user:a", "old", Fingerprint, Now - IdempotencyLimits.Retention),
            new IdempotencyRecord("user:a", "new", Fingerprint, Now));
        await using var db = Open(database);
        Assert.Equal(1, await Purge(db, batchSize: 1_000).PurgeExpiredAsync(CancellationToken.None));

        var again = await Purge(db, batchSize: 1_000).PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal(0, again);
        Assert.Equal(1, await db.IdempotencyRecords().CountAsync());
    }

    [Fact]
    public async Task PurgeExpiredAsync_OnSqlServer_TranslatesToOneBoundedDeletePerBatch()
    {
        var (db, capture) = StatementCapture.OfflineContext(DatabaseProvider.SqlServer);
        await using (db)
        {
            await Purge(db, batchSize: 500).PurgeExpiredAsync(CancellationToken.None);
        }

        var delete = Assert.Single(capture.Statements);
        Assert.Contains("DELETE", delete, StringComparison.Ordinal);
        Assert.Contains("TOP(@", delete, StringComparison.Ordinal);
        Assert.Contains("[expires_at] <= @", delete, StringComparison.Ordinal);
    }

    private static IdempotencyRecordPurge Purge(CartDbContext db, int batchSize) =>
        new(db, new FakeTimeProvider(Now),
            Options.Create(new IdempotencyOptions { PurgeBatchSize = batchSize }));

    private static async Task<TestDatabase> MigratedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = Open(database);
        await db.Database.MigrateAsync();
        return database;
    }

    private static async Task SeedAsync(TestDatabase database, params IdempotencyRecord[] records)
    {
        await using var db = Open(database);
        db.IdempotencyRecords().AddRange(records);
        await db.SaveChangesAsync();
    }

    private static CartDbContext Open(TestDatabase database) =>
        CartDbContextOptions.Create(database.Provider, database.ConnectionString);
}
