using System.Text.Json;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Resilience;
using Cart.Tests.Fixtures;
using Polly;
using StackExchange.Redis;

namespace Cart.Tests.Infrastructure;

/// <summary>
/// The compare-by-version set of each cache level: an older copy never replaces a newer one, the same version
/// refreshes, and a newer one wins. Redis runs the comparison in a Lua script, process memory under a lock.
/// </summary>
public abstract class VersionedStoreTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private protected abstract IVersionedStore Store { get; }

    [Fact]
    public async Task SetIfNotOlder_WhenANewerVersionIsStored_KeepsTheNewerOne()
    {
        var key = NewKey();
        Assert.True(await Store.SetIfNotOlderAsync(key, Copy(5, "five"), Minute));

        var stored = await Store.SetIfNotOlderAsync(key, Copy(4, "four"), Minute);

        Assert.False(stored);
        Assert.Equal("five", (await Store.GetAsync<string>(key))!.Value);
    }

    [Fact]
    public async Task SetIfNotOlder_WhenTheVersionIsTheSameOrHigher_ReplacesTheCopy()
    {
        var key = NewKey();
        await Store.SetIfNotOlderAsync(key, Copy(5, "five", freshUntil: 1), Minute);

        Assert.True(await Store.SetIfNotOlderAsync(key, Copy(5, "five", freshUntil: 2), Minute));
        Assert.Equal(2, (await Store.GetAsync<string>(key))!.FreshUntilMs);
        Assert.True(await Store.SetIfNotOlderAsync(key, Copy(6, "six"), Minute));
        Assert.Equal("six", (await Store.GetAsync<string>(key))!.Value);
    }

    [Fact]
    public async Task SetIfNotOlder_WhenManyVersionsRace_TheHighestIsWhatRemains()
    {
        var key = NewKey();

        await Task.WhenAll(Enumerable.Range(1, 200).Reverse()
            .Select(v => Store.SetIfNotOlderAsync(key, Copy(v, $"v{v}"), Minute).AsTask()));

        var stored = await Store.GetAsync<string>(key);
        Assert.Equal(200, stored!.Version);
        Assert.Equal("v200", stored.Value);
    }

    [Fact]
    public async Task Remove_WhenACopyIsStored_LeavesNothing()
    {
        var key = NewKey();
        await Store.SetIfNotOlderAsync(key, Copy(1, "one", placeholder: true), Minute);
        Assert.True((await Store.GetAsync<string>(key))!.IsPlaceholder);

        await Store.RemoveAsync(key);

        Assert.Null(await Store.GetAsync<string>(key));
    }

    private static CachedCopy<string> Copy(long version, string value, long freshUntil = long.MaxValue,
        bool placeholder = false) => new(version, freshUntil, value, placeholder);

    private static string NewKey() => $"k:{Guid.NewGuid():N}";
}

public sealed class MemoryVersionedStoreTests : VersionedStoreTests, IDisposable
{
    private readonly MemoryVersionedStore _memory = new();

    private protected override IVersionedStore Store => _memory;

    [Fact]
    public async Task MarkVersion_WhenAnotherInstanceWroteANewerVersion_NoOlderCopySettlesHere()
    {
        await _memory.SetIfNotOlderAsync("k", new CachedCopy<string>(5, long.MaxValue, "five", false),
            TimeSpan.FromMinutes(1));

        _memory.MarkVersion("k", 6, TimeSpan.FromMinutes(1));

        Assert.Null(await _memory.GetAsync<string>("k"));
        Assert.False(await _memory.SetIfNotOlderAsync("k", new CachedCopy<string>(5, long.MaxValue, "five", false),
            TimeSpan.FromMinutes(1)));
        Assert.True(await _memory.SetIfNotOlderAsync("k", new CachedCopy<string>(6, long.MaxValue, "six", false),
            TimeSpan.FromMinutes(1)));
    }

    public void Dispose() => _memory.Dispose();
}

public sealed class RedisVersionedStoreTests : VersionedStoreTests, IAsyncLifetime
{
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private ConnectionMultiplexer? _redis;
    private RedisVersionedStore? _store;

    private protected override IVersionedStore Store => _store!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(ApiFixture.RedisAddress);
        // No breaking here: these tests are about what Redis stores (RedisCircuitBreakerTests: the breaker).
        _store = new RedisVersionedStore(_redis, new RedisCircuitBreaker(_redis, ResiliencePipeline.Empty), _prefix,
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }

    [Fact]
    public async Task SetIfNotOlder_WhenStored_TheKeyHasTheGivenTtl()
    {
        await _store!.SetIfNotOlderAsync("ttl", new CachedCopy<string>(1, 0, "x", false), TimeSpan.FromSeconds(30));

        var ttl = await _redis!.GetDatabase().KeyTimeToLiveAsync(_prefix + "ttl");
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Get_WhenTheStoredCopyCannotBeRead_IsAMissAndTheNextSetOfThatVersionReplacesIt()
    {
        await _redis!.GetDatabase().StringSetAsync(_prefix + "odd", "3:0:v:{not json", TimeSpan.FromMinutes(1));

        Assert.Null(await _store!.GetAsync<string>("odd"));
        Assert.True(await _store.SetIfNotOlderAsync("odd", new CachedCopy<string>(3, 0, "three", false),
            TimeSpan.FromMinutes(1)));
        Assert.Equal("three", (await _store.GetAsync<string>("odd"))!.Value);
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
