using System.Net.Http.Headers;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>
/// One running service on one fresh database, seeded with <see cref="TestCatalog"/>, shared by the tests of a class.
/// Tests keep out of each other's way by using their own owners (<see cref="NewUserId"/>).
/// </summary>
/// <param name="kestrel">Serve over real Kestrel on a loopback port instead of the in-memory test server, for what
/// only the real HTTP server does (chunked framing, connection handling).</param>
/// <param name="settings">Settings of this fixture's hosts (<see cref="AnotherInstance"/> too), over the test defaults.</param>
/// <param name="services">Changes to the services of this fixture's hosts (a background job taken out).</param>
public abstract class ApiFixture(DatabaseProvider provider, bool useRedis, bool kestrel = false,
    IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : IAsyncLifetime
{
    private TestDatabase? _database;
    private CartAppFactory? _factory;

    public CartAppFactory Factory => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public DatabaseProvider Provider => provider;

    /// <summary>The prefix of this fixture's keys in Redis; a second host given it shares the cache.</summary>
    public string RedisKeyPrefix { get; } = $"test-{Guid.NewGuid():N}:";

    /// <summary>The Redis that scripts/test.sh starts (CART_TEST_REDIS).</summary>
    public static string RedisAddress =>
        Environment.GetEnvironmentVariable("CART_TEST_REDIS")
        ?? throw new InvalidOperationException(
            "CART_TEST_REDIS is not set. Run the tests with scripts/test.sh, or start the servers with " +
            "`eval \"$(scripts/dev-servers.sh start)\"` first.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _factory = new CartAppFactory(_database, redis: useRedis ? RedisAddress : null, redisKeyPrefix: RedisKeyPrefix,
            settings: settings, services: services, owner: GetType());
        if (kestrel)
        {
            _factory.UseKestrel(0);
        }

        _factory.StartServer(); // starts the host: migrations run here
        await _factory.WithDbAsync(async db =>
        {
            db.Products().AddRange(TestCatalog.Products(_factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// Another instance of the service on the same database and the same Redis, as behind a load balancer; its clock
    /// starts where this host's is (instances agree on the time, and a hold lapses on both at once).
    /// </summary>
    public CartAppFactory AnotherInstance()
    {
        var instance = new CartAppFactory(Factory.Database, redis: UsesRedis ? RedisAddress : null,
            redisKeyPrefix: RedisKeyPrefix, settings: settings, services: services);
        instance.Clock.AdjustTime(Factory.Clock.GetUtcNow());
        return instance;
    }

    public bool UsesRedis => useRedis;

    public static string NewUserId() => $"user_{Guid.NewGuid():N}";

    public static string NewGuestId() => $"g_{Guid.NewGuid():N}";

    /// <summary>A client with no token.</summary>
    public HttpClient Anonymous() => Factory.ClientWithoutRedirects();

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token) => Factory.ClientWithToken(token);

    /// <summary>A client for a new shopper, and that shopper's id.</summary>
    public (HttpClient Client, string UserId) NewShopper() => Factory.NewShopper();
}

/// <summary>The zero-setup configuration: SQLite and the in-process cache.</summary>
public sealed class SqliteApiFixture() : ApiFixture(DatabaseProvider.Sqlite, useRedis: false);

/// <summary>The zero-setup configuration behind real Kestrel.</summary>
public sealed class SqliteKestrelApiFixture() : ApiFixture(DatabaseProvider.Sqlite, useRedis: false, kestrel: true);

/// <summary>The production-like configuration: PostgreSQL with Redis in front.</summary>
public sealed class PostgresApiFixture() : ApiFixture(DatabaseProvider.PostgreSql, useRedis: true);
