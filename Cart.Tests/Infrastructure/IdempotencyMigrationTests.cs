using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cart.Tests.Infrastructure;

/// <summary>The IdempotencyBounds migration on a database that already holds records stored as text.</summary>
public sealed class IdempotencyMigrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrate_WhenRecordsWereStoredAsText_DropsThemAndStoresCompressedBodiesAfter(
        DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = Open(database))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_Initial", StringComparison.Ordinal)));
            // SQLite keeps times as integers (see SqliteCartDbContext); the values do not matter here.
            object time = provider == DatabaseProvider.Sqlite ? 0L : T0;
            var fingerprint = new string('a', 64);
            await db.Database.ExecuteSqlAsync($$"""
                INSERT INTO idempotency_records (scope, key, fingerprint, claim_token, completed, response_status,
                    response_body, created_at, locked_until, expires_at)
                VALUES ('user:old', 'done', {{fingerprint}}, {{new string('b', 32)}}, {{true}}, 200,
                        '{"cartId":"c_old"}', {{time}}, {{time}}, {{time}}),
                       ('user:old', 'running', {{fingerprint}}, {{new string('c', 32)}}, {{false}}, NULL,
                        NULL, {{time}}, {{time}}, {{time}})
                """);
        }

        await using (var db = Open(database))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await db.IdempotencyRecords().CountAsync());

            var record = new IdempotencyRecord("user:new", "key", new string('a', 64), T0);
            record.Complete(200, """{"cartId":"c_new","items":[]}""", "\"1\"", null);
            db.IdempotencyRecords().Add(record);
            await db.SaveChangesAsync();
        }

        await using var check = Open(database);
        var stored = await check.IdempotencyRecords().SingleAsync();
        Assert.Equal("""{"cartId":"c_new","items":[]}"""u8.ToArray(), stored.ReadResponseBody());
    }

    private static CartDbContext Open(TestDatabase database) =>
        CartDbContextOptions.Create(database.Provider, database.ConnectionString);
}
