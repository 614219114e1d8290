using System.Net;
using Cart.Infrastructure.Carts;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Api;

/// <summary>
/// A commit whose outcome the service did not hear (the connection broke around it): the answer tells the truth,
/// found by reading the cart back, and the cache never keeps a cart from before a change that may have happened.
/// </summary>
public abstract class AmbiguousCommitTests(ApiFixture fixture)
{
    [Fact]
    public async Task AddItem_WhenTheConnectionBreaksAfterTheServerCommitted_AnswersWithTheCommittedCart()
    {
        var faults = new CommitFaults();
        await using var host = Host(faults);
        var (client, userId) = host.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);
        await client.GetCartAsync();

        faults.FailNextCommitAfterItHappened();
        var answer = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Mug, quantity = 1 });

        var cart = await answer.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, cart.Quantity(TestCatalog.Mug));
        Assert.Equal(2, (await client.GetCartAsync()).Quantity(TestCatalog.Mug));
        Assert.Equal(2, await QuantityInDatabaseAsync(host, userId));
    }

    [Fact]
    public async Task AddItem_WhenTheConnectionBreaksBeforeTheCommitIsSent_TheChangeIsMadeOnceAndAcknowledged()
    {
        var faults = new CommitFaults();
        await using var host = Host(faults);
        var (client, userId) = host.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);

        faults.FailNextCommitBeforeItIsSent();
        var answer = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Mug, quantity = 1 });

        var cart = await answer.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, cart.Quantity(TestCatalog.Mug));
        Assert.Equal(2, cart.Version());
        Assert.Equal(2, await QuantityInDatabaseAsync(host, userId));
    }

    [Fact]
    public async Task AddItem_WhenTheOutcomeCannotBeReadBack_Answers503ThatSaysSoAndTheNextReadShowsTheTruth()
    {
        var faults = new CommitFaults();
        await using var host = Host(faults);
        var (client, _) = host.NewShopper();
        await client.AddAsync(TestCatalog.Mug, 1);
        await client.GetCartAsync(); // cached at quantity 1

        faults.FailNextCommitAfterItHappened(andTheReadAfterIt: true);
        var answer = await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Mug, quantity = 1 });

        var problem = await answer.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("nothing was changed", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("may or may not", detail, StringComparison.Ordinal);
        Assert.Equal(2, (await client.GetCartAsync()).Quantity(TestCatalog.Mug)); // the commit did happen
    }

    private CartAppFactory Host(CommitFaults faults) =>
        new(fixture.Factory.Database, redis: fixture.UsesRedis ? ApiFixture.RedisAddress : null,
            services: s => faults.AddTo(s, fixture.Provider));


    private static Task<int> QuantityInDatabaseAsync(CartAppFactory host, string userId) =>
        host.WithDbAsync(db => db.CartLines()
            .Where(l => db.Carts().Any(c => c.Id == l.CartId && c.OwnerId == userId))
            .SumAsync(l => l.Quantity));
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteAmbiguousCommitTests(SqliteApiFixture fixture) : AmbiguousCommitTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresAmbiguousCommitTests(PostgresApiFixture fixture) : AmbiguousCommitTests(fixture);
