using System.Net;
using System.Text;
using Cart.Domain.Carts;
using Cart.Infrastructure.Idempotency;
using Cart.Tests.Fixtures;
using Cart.Tests.Platform;
using Cart.Web.Platform.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cart.Tests.Api;

/// <summary>Idempotency-Key with the IETF draft's semantics (API.md, "Idempotency").</summary>
public abstract class IdempotencyTests(ApiFixture fixture)
{
    [Fact]
    public async Task AddItem_WhenRetriedWithSameKeyAndBody_ReplaysFirstResponseAndAddsOnce()
    {
        var (client, _) = fixture.NewShopper();
        var key = NewKey();

        var first = await client.SendAsync(AddRequest(key, TestCatalog.Shirt, 2));
        var firstBody = await first.Content.ReadAsStringAsync();
        var retry = await client.SendAsync(AddRequest(key, TestCatalog.Shirt, 2));
        var retryBody = await retry.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstBody, retryBody);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, (await client.GetCartAsync()).Quantity(TestCatalog.Shirt));
    }

    [Fact]
    public async Task AddItem_WhenSameKeyCarriesAnotherBody_Returns422AndChangesNothing()
    {
        var (client, _) = fixture.NewShopper();
        var key = NewKey();
        await (await client.SendAsync(AddRequest(key, TestCatalog.Shirt, 1))).ExpectAsync(HttpStatusCode.OK);

        var response = await client.SendAsync(AddRequest(key, TestCatalog.Shirt, 5));

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        var cart = await client.GetCartAsync();
        Assert.Equal(1, cart.Quantity(TestCatalog.Shirt));
        Assert.Equal(1, cart.Version());
    }

    [Fact]
    public async Task AddItem_WhenFirstRequestIsStillRunning_Returns409()
    {
        var (client, userId) = fixture.NewShopper();
        var key = NewKey();
        var body = AddBody(TestCatalog.Mug, 1);
        // The first request has claimed the key and not finished: its claim is in the database, uncompleted.
        await fixture.Factory.WithDbAsync(async db =>
        {
            db.IdempotencyRecords().Add(new IdempotencyRecord($"user:{userId}", key,
                IdempotencyFilter.Fingerprint("POST", CartApi.Items, Encoding.UTF8.GetBytes(body)),
                fixture.Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        var response = await client.SendAsync(AddRequest(key, body));

        await response.ExpectProblemAsync(HttpStatusCode.Conflict, "request_in_progress");
        Assert.Equal(0, (await client.GetCartAsync()).Version());
    }

    [Fact]
    public async Task AddItem_WhenAnInstanceDiedHoldingTheKey_NextRetryTakesItOverAfterTheLease()
    {
        var (client, userId) = fixture.NewShopper();
        var key = NewKey();
        var body = AddBody(TestCatalog.Mug, 1);
        var claimedAt = fixture.Factory.Clock.GetUtcNow() - IdempotencyLimits.Lease - TimeSpan.FromSeconds(1);
        await fixture.Factory.WithDbAsync(async db =>
        {
            db.IdempotencyRecords().Add(new IdempotencyRecord($"user:{userId}", key,
                IdempotencyFilter.Fingerprint("POST", CartApi.Items, Encoding.UTF8.GetBytes(body)), claimedAt));
            await db.SaveChangesAsync();
        });

        var response = await client.SendAsync(AddRequest(key, body));

        Assert.Equal(1, (await response.ExpectAsync(HttpStatusCode.OK)).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task AddItem_WhenTwoCallersUseTheSameKey_EachGetsTheirOwnResult()
    {
        var (alice, _) = fixture.NewShopper();
        var (bob, _) = fixture.NewShopper();
        var key = NewKey();

        var forAlice = await (await alice.SendAsync(AddRequest(key, TestCatalog.Lamp, 1))).ExpectAsync(HttpStatusCode.OK);
        var forBob = await (await bob.SendAsync(AddRequest(key, TestCatalog.Lamp, 1))).ExpectAsync(HttpStatusCode.OK);

        Assert.NotEqual(forAlice.GetProperty("cartId").GetString(), forBob.GetProperty("cartId").GetString());
        Assert.Equal(1, (await bob.GetCartAsync()).Quantity(TestCatalog.Lamp));
    }

    [Fact]
    public async Task AddItem_WhenSucceeded_StoresTheResponseWithTheChange()
    {
        var (client, userId) = fixture.NewShopper();
        var key = NewKey();

        var cart = await (await client.SendAsync(AddRequest(key, TestCatalog.Shirt, 1))).ExpectAsync(HttpStatusCode.OK);

        var record = await fixture.Factory.WithDbAsync(db =>
            db.IdempotencyRecords().SingleAsync(r => r.Scope == $"user:{userId}" && r.Key == key));
        Assert.True(record.Completed);
        Assert.Equal(200, record.ResponseStatus);
        Assert.Equal("\"1\"", record.ResponseEtag);
        Assert.Contains(cart.GetProperty("cartId").GetString()!, Encoding.UTF8.GetString(record.ReadResponseBody()),
            StringComparison.Ordinal);
        var expected = fixture.Factory.Clock.GetUtcNow() + IdempotencyLimits.Retention;
        Assert.Equal(expected, record.ExpiresAt, TimeSpan.FromMilliseconds(1)); // databases keep ms or µs, not ticks
    }

    [Fact]
    public async Task UpdateItem_WhenTheCartIsAsLargeAsTheLimitsAllow_StoresItCompressedAndReplaysItExactly()
    {
        var (client, userId) = fixture.NewShopper();
        var random = new Random(3);
        for (var i = 1; i <= CartLimits.MaxLines; i++)
        {
            var variant = IdempotencyBodySizeTests.Variant(random, "escaped-text", 1);
            await (await client.PostJsonAsync(CartApi.Items, new { sku = TestCatalog.Bulk(i), quantity = 999, variant }))
                .ExpectAsync(HttpStatusCode.OK);
        }

        var key = NewKey();
        var first = await client.SendAsync(PutRequest(key, TestCatalog.Bulk(1), 998));
        var firstBody = await first.Content.ReadAsByteArrayAsync();
        var retry = await client.SendAsync(PutRequest(key, TestCatalog.Bulk(1), 998));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsByteArrayAsync());
        var stored = await fixture.Factory.WithDbAsync(db => db.IdempotencyRecords()
            .Where(r => r.Scope == $"user:{userId}" && r.Key == key)
            .Select(r => r.ResponseBodyCompressed!.Length)
            .SingleAsync());
        Assert.InRange(stored, 1, Math.Min(firstBody.Length / 2, IdempotencyBodySizeTests.DocumentedMaxBodyBytes));
    }

    [Fact]
    public async Task UpdateItem_WhenFirstAttemptFailed_TheKeyIsFreeForTheRetry()
    {
        var (client, _) = fixture.NewShopper();
        var key = NewKey();
        var failed = await client.SendAsync(PutRequest(key, TestCatalog.Mug, 3));
        await failed.ExpectProblemAsync(HttpStatusCode.NotFound, "line_not_found");
        await client.AddAsync(TestCatalog.Mug, 1);

        var retry = await client.SendAsync(PutRequest(key, TestCatalog.Mug, 3));

        Assert.Equal(3, (await retry.ExpectAsync(HttpStatusCode.OK)).Quantity(TestCatalog.Mug));
    }

    [Fact]
    public async Task AddItem_WhenKeyIsOlderThan24Hours_ItIsForgottenAndMayBeUsedAgain()
    {
        // A host of its own, so moving its clock a day ahead leaves the shared host's clock alone.
        await using var host = fixture.AnotherInstance();
        var userId = ApiFixture.NewUserId();
        var client = host.ClientWithToken(TestAuth.Shopper(userId));
        var key = NewKey();
        await (await client.SendAsync(AddRequest(key, TestCatalog.Shirt, 1))).ExpectAsync(HttpStatusCode.OK);

        host.Clock.Advance(IdempotencyLimits.Retention + TimeSpan.FromMinutes(1));
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestAuth.Shopper(userId, now: host.Clock.GetUtcNow()));
        var response = await client.SendAsync(AddRequest(key, TestCatalog.Shirt, 4));

        Assert.Equal(5, (await response.ExpectAsync(HttpStatusCode.OK)).Quantity(TestCatalog.Shirt));
    }

    [Fact]
    public async Task AddItem_WhenTheSameRequestIsRetriedAfter24Hours_RunsAgainInsteadOfReplaying()
    {
        await using var host = fixture.AnotherInstance();
        var userId = ApiFixture.NewUserId();
        var client = host.ClientWithToken(TestAuth.Shopper(userId));
        var key = NewKey();
        await (await client.SendAsync(AddRequest(key, TestCatalog.Mug, 1))).ExpectAsync(HttpStatusCode.OK);

        host.Clock.Advance(IdempotencyLimits.Retention + TimeSpan.FromSeconds(1));
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestAuth.Shopper(userId, now: host.Clock.GetUtcNow()));
        var retry = await client.SendAsync(AddRequest(key, TestCatalog.Mug, 1));

        Assert.Equal(2, (await retry.ExpectAsync(HttpStatusCode.OK)).Quantity(TestCatalog.Mug));
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task PurgeJob_WhenTriggered_DeletesRecordsPast24HoursAndKeepsTheRest()
    {
        // A host of its own; it shares the database, so only this test's rows are looked at.
        await using var host = fixture.AnotherInstance();
        var scope = $"user:{ApiFixture.NewUserId()}";
        var now = host.Clock.GetUtcNow();
        await host.WithDbAsync(async db =>
        {
            db.IdempotencyRecords().Add(new IdempotencyRecord(scope, "expired", new string('a', 64),
                now - IdempotencyLimits.Retention - TimeSpan.FromMinutes(1)));
            db.IdempotencyRecords().Add(new IdempotencyRecord(scope, "live", new string('a', 64), now));
            await db.SaveChangesAsync();
        });

        await host.TriggerAsync(IdempotencyPurgeJob.Id);

        var purged = await Eventually.TrueAsync(async () =>
            await host.WithDbAsync(db => db.IdempotencyRecords().CountAsync(r => r.Scope == scope)) == 1);

        Assert.True(purged, "the expired record was not purged");
        Assert.Equal("live", await host.WithDbAsync(db =>
            db.IdempotencyRecords().Where(r => r.Scope == scope).Select(r => r.Key).SingleAsync()));
    }

    [Fact]
    public async Task AddItem_WhenSameKeyArrivesTwiceAtOnce_TheChangeHappensOnce()
    {
        var (client, _) = fixture.NewShopper();
        var key = NewKey();

        var responses = await Task.WhenAll(
            client.SendAsync(AddRequest(key, TestCatalog.Lamp, 2)),
            client.SendAsync(AddRequest(key, TestCatalog.Lamp, 2)));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict,
            $"unexpected {(int)r.StatusCode}"));
        Assert.Equal(2, (await client.GetCartAsync()).Quantity(TestCatalog.Lamp));
    }


    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    private static string AddBody(string sku, int quantity) => $"{{\"sku\":\"{sku}\",\"quantity\":{quantity}}}";

    private static HttpRequestMessage AddRequest(string key, string sku, int quantity) =>
        AddRequest(key, AddBody(sku, quantity));

    private static HttpRequestMessage AddRequest(string key, string body) =>
        WithKey(new HttpRequestMessage(HttpMethod.Post, CartApi.Items), key, body);

    private static HttpRequestMessage PutRequest(string key, string sku, int quantity) =>
        WithKey(new HttpRequestMessage(HttpMethod.Put, CartApi.Item(sku)), key, $"{{\"quantity\":{quantity}}}");

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key, string body)
    {
        request.Headers.Add("Idempotency-Key", key);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }
}

[Collection(nameof(SqliteApiCollection))]
public sealed class SqliteIdempotencyTests(SqliteApiFixture fixture) : IdempotencyTests(fixture);

[Collection(nameof(PostgresApiCollection))]
public sealed class PostgresIdempotencyTests(PostgresApiFixture fixture) : IdempotencyTests(fixture);
