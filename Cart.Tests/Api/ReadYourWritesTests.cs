using System.Net;
using Cart.Tests.Fixtures;
using Xunit.Abstractions;

namespace Cart.Tests.Api;

/// <summary>
/// Read-your-writes under load (API.md, "Concurrency"): while other requests keep reading the same cart, the read a
/// shopper makes right after an acknowledged write shows that write or a newer one, on any instance. Readers that
/// loaded the cart just before a commit race to put it back in the cache; the cache must never let them win.
/// </summary>
public abstract class ReadYourWritesTests(ApiFixture fixture, ITestOutputHelper output)
{
    private const int Writes = 1_000;
    private const int Readers = 6;

    [Fact]
    public async Task GetCart_WhenReadRightAfterEachAcknowledgedWriteWhileOthersRead_NeverShowsAnOlderVersion()
    {
        // Hosts of their own, without rate limits: the readers read as fast as they can, far past any budget.
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var first = Instance(prefix);
        await using var second = fixture.UsesRedis ? Instance(prefix) : null;
        var token = TestAuth.Shopper(ApiFixture.NewUserId());
        HttpClient[] instances = second is null
            ? [first.ClientWithToken(token)]
            : [first.ClientWithToken(token), second.ClientWithToken(token)];
        await instances[0].AddAsync(TestCatalog.Mug, 1);

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, Readers)
            .Select(r => KeepReadingAsync(instances[r % instances.Length], stop.Token))
            .ToList();

        var stale = 0;
        for (var i = 0; i < Writes; i++)
        {
            // Alternate 2 and 1, so every write changes the cart; write on one instance, read on the other.
            var written = await instances[i % instances.Length]
                .PutJsonAsync(CartApi.Item(TestCatalog.Mug), new { quantity = 2 - (i % 2) });
            var acknowledged = (await written.ExpectAsync(HttpStatusCode.OK)).Version();
            var read = await instances[(i + 1) % instances.Length].GetCartAsync();
            if (read.Version() < acknowledged)
            {
                stale++;
            }
        }

        await stop.CancelAsync();
        var reads = (await Task.WhenAll(readers)).Sum();
        output.WriteLine($"stale reads after an acknowledged write: {stale} of {Writes} " +
                         $"({instances.Length} instance(s), {Readers} concurrent readers made {reads} reads)");
        Assert.Equal(0, stale);
        Assert.True(reads > Writes, $"the readers made only {reads} reads: the race was not exercised");
    }

    private CartAppFactory Instance(string redisKeyPrefix) =>
        new(fixture.Factory.Database, redis: fixture.UsesRedis ? ApiFixture.RedisAddress : null,
            redisKeyPrefix: redisKeyPrefix, settings: new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });

    private static async Task<int> KeepReadingAsync(HttpClient client, CancellationToken stop)
    {
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync(CartApi.Cart, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            reads++;
        }

        return reads;
    }
}

/// <summary>The no-setup default: SQLite and the in-process cache, one instance.</summary>
[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteReadYourWritesTests(SqliteApiFixture fixture, ITestOutputHelper output)
    : ReadYourWritesTests(fixture, output);

/// <summary>PostgreSQL with Redis, two instances sharing both.</summary>
[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresReadYourWritesTests(PostgresApiFixture fixture, ITestOutputHelper output)
    : ReadYourWritesTests(fixture, output);
