using System.Globalization;
using System.Net;
using Cart.Infrastructure.Idempotency;
using Cart.Tests.Fixtures;
using Cart.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cart.Tests.Api;

/// <summary>What one caller's Idempotency-Keys may cost in storage: Idempotency:MaxRecordsPerOwner records at most.</summary>
public abstract class IdempotencyBoundsTests(ApiFixture fixture)
{
    private const int SmallBound = 10;
    private static readonly string Fingerprint = new('f', 64);

    /// <summary>How many keyed writes the storage test sends; see the SQLite and PostgreSQL classes for why.</summary>
    protected abstract int ManyWrites { get; }

    /// <summary>The bound the storage test runs with: the default where the run stays short, a smaller one elsewhere.</summary>
    protected abstract int? ManyWritesBound { get; }

    /// <summary>How many clients send them at once.</summary>
    protected abstract int Clients { get; }

    [Fact]
    public async Task ClearCart_WhenOneOwnerSendsManyKeyedWrites_KeepsAtMostTheBoundOfRowsAndBytes()
    {
        // Its own host, which does not write a request-log line for each of the many writes.
        await using var app = HostWithBound(ManyWritesBound ?? new IdempotencyOptions().MaxRecordsPerOwner,
            ("Logging:LogLevel:Cart.Requests", "Warning"));
        var maxRecords = app.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.MaxRecordsPerOwner;
        var userId = ApiFixture.NewUserId();
        var client = app.ClientWithToken(TestAuth.Shopper(userId));

        // With several clients at once (retries, parallel tabs), claims of one caller race to make room.
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref sent) <= ManyWrites)
            {
                using var request = new HttpRequestMessage(HttpMethod.Delete, CartApi.Cart);
                request.Headers.Add("Idempotency-Key", $"key-{Guid.NewGuid():N}");
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));

        var (rows, bytes) = await app.WithDbAsync(async db =>
        {
            var mine = db.IdempotencyRecords().Where(r => r.Scope == $"user:{userId}");
            return (await mine.CountAsync(), await mine.SumAsync(r => (long?)r.ResponseBodyCompressed!.Length) ?? 0);
        });
        Assert.True(ManyWrites >= 10 * maxRecords, "the test must write far past the bound");
        // Concurrent claims may count each other's rows before any is evicted: n of them evict up to n rows each.
        Assert.InRange(rows, maxRecords - (Clients * Clients), maxRecords);
        Assert.InRange(bytes, 1, (long)maxRecords * IdempotencyBodySizeTests.DocumentedMaxBodyBytes);
    }

    [Fact]
    public async Task ClearCart_WhenTheOwnerHoldsTheBoundOfRecords_EvictsTheOldestFinishedOneAndNeverARunningOne()
    {
        await using var host = HostWithBound(SmallBound);
        var userId = ApiFixture.NewUserId();
        var scope = $"user:{userId}";
        var now = host.Clock.GetUtcNow();
        // The oldest is still running (its lease holds); the finished ones follow, oldest first.
        await SeedAsync(host, Record(scope, "running", now - TimeSpan.FromSeconds(50), completed: false));
        await SeedAsync(host, Enumerable.Range(1, SmallBound - 1)
            .Select(i => Record(scope, $"done-{i}", now - TimeSpan.FromSeconds(50 - i), completed: true))
            .ToArray());

        var response = await host.ClientWithToken(TestAuth.Shopper(userId))
            .SendAsync(Keyed(HttpMethod.Delete, CartApi.Cart, "new"));

        await response.ExpectAsync(HttpStatusCode.OK);
        var keys = await KeysAsync(host, scope);
        Assert.Equal(SmallBound, keys.Count);
        Assert.DoesNotContain("done-1", keys);
        Assert.Contains("running", keys);
        Assert.Contains("new", keys);
    }

    [Fact]
    public async Task ClearCart_WhenAnAbandonedClaimIsTheOldest_EvictsIt()
    {
        await using var host = HostWithBound(SmallBound);
        var userId = ApiFixture.NewUserId();
        var scope = $"user:{userId}";
        var now = host.Clock.GetUtcNow();
        // Past its lease: the instance that claimed it is presumed dead, as a retry would presume.
        await SeedAsync(host, Record(scope, "abandoned", now - IdempotencyLimits.Lease - TimeSpan.FromSeconds(1),
            completed: false));
        await SeedAsync(host, Enumerable.Range(1, SmallBound - 1)
            .Select(i => Record(scope, $"running-{i}", now - TimeSpan.FromSeconds(30 - i), completed: false))
            .ToArray());

        var response = await host.ClientWithToken(TestAuth.Shopper(userId))
            .SendAsync(Keyed(HttpMethod.Delete, CartApi.Cart, "new"));

        await response.ExpectAsync(HttpStatusCode.OK);
        var keys = await KeysAsync(host, scope);
        Assert.Equal(SmallBound, keys.Count);
        Assert.DoesNotContain("abandoned", keys);
    }

    [Fact]
    public async Task AddItem_WhenEveryRecordOfTheOwnerIsStillRunning_Returns409AndChangesNothing()
    {
        await using var host = HostWithBound(SmallBound);
        var userId = ApiFixture.NewUserId();
        var scope = $"user:{userId}";
        var now = host.Clock.GetUtcNow();
        await SeedAsync(host, Enumerable.Range(1, SmallBound)
            .Select(i => Record(scope, $"running-{i}", now - TimeSpan.FromSeconds(30 - i), completed: false))
            .ToArray());
        var client = host.ClientWithToken(TestAuth.Shopper(userId));

        var response = await client.SendAsync(
            Keyed(HttpMethod.Post, CartApi.Items, "new", $"{{\"sku\":\"{TestCatalog.Mug}\",\"quantity\":1}}"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "request_in_progress");
        Assert.Contains("Too many", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var keys = await KeysAsync(host, scope);
        Assert.Equal(SmallBound, keys.Count);
        Assert.DoesNotContain("new", keys);
        Assert.Equal(0, (await client.GetCartAsync()).Version());
    }

    /// <summary>Another instance on the same database whose callers may hold <paramref name="bound"/> records.</summary>
    private CartAppFactory HostWithBound(int bound, params (string Key, string Value)[] settings) =>
        new(fixture.Factory.Database, redis: fixture.UsesRedis ? ApiFixture.RedisAddress : null,
            redisKeyPrefix: fixture.RedisKeyPrefix,
            settings: settings.Append(("Idempotency:MaxRecordsPerOwner", bound.ToString(CultureInfo.InvariantCulture)))
                .ToDictionary(s => s.Item1, s => (string?)s.Item2));

    private static IdempotencyRecord Record(string scope, string key, DateTimeOffset createdAt, bool completed)
    {
        var record = new IdempotencyRecord(scope, key, Fingerprint, createdAt);
        if (completed)
        {
            record.Complete(200, "{}", "\"1\"", null);
        }

        return record;
    }

    private static Task SeedAsync(CartAppFactory host, params IdempotencyRecord[] records) =>
        host.WithDbAsync(async db =>
        {
            db.IdempotencyRecords().AddRange(records);
            await db.SaveChangesAsync();
        });

    private static Task<List<string>> KeysAsync(CartAppFactory host, string scope) =>
        host.WithDbAsync(db => db.IdempotencyRecords().Where(r => r.Scope == scope).Select(r => r.Key).ToListAsync());

    private static HttpRequestMessage Keyed(HttpMethod method, string url, string key, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Idempotency-Key", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }
}

/// <summary>
/// The storage test as the issue puts it: 10,000 keyed writes at the default bound of 1,000, so 9,000 of them evict.
/// One client: SQLite takes one writer at a time, so more clients would only queue on its lock (and its busy waits).
/// </summary>
[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteIdempotencyBoundsTests(SqliteApiFixture fixture) : IdempotencyBoundsTests(fixture)
{
    protected override int ManyWrites => 10_000;

    protected override int? ManyWritesBound => null;

    protected override int Clients => 1;
}

/// <summary>
/// The storage test with a bound of 50 and 1,000 writes from 4 clients at once: 950 evicting writes, with claims racing
/// each other on a server that runs them concurrently, at a tenth of the SQLite run's time.
/// </summary>
[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresIdempotencyBoundsTests(PostgresApiFixture fixture) : IdempotencyBoundsTests(fixture)
{
    protected override int ManyWrites => 1_000;

    protected override int? ManyWritesBound => 50;

    protected override int Clients => 4;
}
