using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Common;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cart.Tests.Infrastructure;

/// <summary>
/// The migrations applied to real, fresh databases (a SQLite file and a PostgreSQL database), and the schema they build
/// doing its job: one active cart per owner, enforced by the database itself.
/// </summary>
public sealed class MigratedDatabaseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrate_WhenDatabaseIsFresh_AppliesEveryMigration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await MigrateAsync(database);

        await using var db = Open(database);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Carts().CountAsync());
        Assert.Equal(0, await db.CartLines().CountAsync());
        Assert.Equal(0, await db.Products().CountAsync());
        Assert.Equal(0, await db.IdempotencyRecords().CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrate_WhenRunAgain_AppliesNothingAndKeepsData(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await MigrateAsync(database);
        await SaveAsync(database, ShoppingCart.Open(CartOwner.User("user_again"), T0));

        await MigrateAsync(database);

        await using var db = Open(database);
        Assert.Equal(1, await db.Carts().CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ActiveOwnerIndex_WhenSecondActiveCartForSameOwner_RefusesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await MigrateAsync(database);
        await AssertSecondActiveCartRefusedAsync(database);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ActiveOwnerIndex_WhenMergedAndActiveCartForSameOwner_AcceptsBoth(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await MigrateAsync(database);
        var guestOwner = CartOwner.Guest("g_merged");
        var guest = ShoppingCart.Open(guestOwner, T0);
        guest.AddItem(new ProductInfo("SG-MUG", "Kopi Mug", null, 12.50m, "SGD", true), 2, null, T0);
        var shopper = ShoppingCart.Open(CartOwner.User("user_merged"), T0);
        await SaveAsync(database, guest, shopper);

        await using (var db = Open(database))
        {
            var storedGuest = await db.Carts().Include(c => c.Lines).SingleAsync(c => c.Id == guest.Id);
            var storedShopper = await db.Carts().Include(c => c.Lines).SingleAsync(c => c.Id == shopper.Id);
            storedShopper.MergeFrom(storedGuest, T0.AddMinutes(1));
            await db.SaveChangesAsync();
        }

        await SaveAsync(database, ShoppingCart.Open(guestOwner, T0.AddMinutes(2)));

        await using var check = Open(database);
        var statuses = await check.Carts()
            .Where(c => c.OwnerKind == OwnerKind.Guest && c.OwnerId == guestOwner.Id)
            .Select(c => c.Status)
            .ToListAsync();
        Assert.Equal(new[] { CartStatus.Active, CartStatus.Merged }, statuses.Order());
        var merged = await check.Carts().SingleAsync(c => c.Id == guest.Id);
        Assert.Equal(shopper.Id, merged.MergedIntoCartId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ActiveOwnerIndex_WhenSameIdButOtherOwnerKind_AcceptsBoth(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await MigrateAsync(database);

        await SaveAsync(database,
            ShoppingCart.Open(CartOwner.User("same_id"), T0),
            ShoppingCart.Open(CartOwner.Guest("same_id"), T0));

        await using var db = Open(database);
        Assert.Equal(2, await db.Carts().CountAsync(c => c.OwnerId == "same_id"));
    }

    [Fact]
    public async Task IdempotentScript_WhenRunTwiceOnPostgreSql_BuildsTheSchemaOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var script = MigrationScripts.Generate(DatabaseProvider.PostgreSql);

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            for (var run = 0; run < 2; run++)
            {
                await using var command = new NpgsqlCommand(script, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        await using (var db = Open(database))
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }

        await AssertSecondActiveCartRefusedAsync(database);
    }

    private static async Task AssertSecondActiveCartRefusedAsync(TestDatabase database)
    {
        var owner = CartOwner.User("user_twice");
        await SaveAsync(database, ShoppingCart.Open(owner, T0));

        var exception = await Assert.ThrowsAsync<DbUpdateException>(
            () => SaveAsync(database, ShoppingCart.Open(owner, T0.AddMinutes(1))));

        Assert.True(DbErrors.IsUniqueViolation(exception), exception.ToString());
        var violated = database.Provider == DatabaseProvider.Sqlite
            ? "carts.owner_kind, carts.owner_id"
            : "ux_carts_active_owner";
        Assert.Contains(violated, exception.InnerException?.Message ?? string.Empty, StringComparison.Ordinal);
        await using var db = Open(database);
        Assert.Equal(1, await db.Carts().CountAsync(c => c.OwnerId == owner.Id));
    }

    private static CartDbContext Open(TestDatabase database) =>
        CartDbContextOptions.Create(database.Provider, database.ConnectionString);

    private static async Task MigrateAsync(TestDatabase database)
    {
        await using var db = Open(database);
        await db.Database.MigrateAsync();
    }

    private static async Task SaveAsync(TestDatabase database, params ShoppingCart[] carts)
    {
        await using var db = Open(database);
        db.Carts().AddRange(carts);
        await db.SaveChangesAsync();
    }
}
