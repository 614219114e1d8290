using Cart.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cart.Tests.Fixtures;

/// <summary>The real service, in process, on a real database of the given provider.</summary>
/// <param name="redis">A Redis to use (<c>host:port</c>), or null for the in-process cache alone.</param>
/// <param name="redisKeyPrefix">Keeps this host's keys apart from other tests' on a shared Redis.</param>
/// <param name="testAuth">Sign tokens with <see cref="TestAuth"/>'s keys; false keeps the committed appsettings
/// files' auth settings, as <c>dotnet run</c> has them.</param>
/// <param name="services">Changes to the host's services (a fault to inject), applied last.</param>
/// <param name="owner">Whose host this is, for the name of its log file: a fixture gives its type; by default the test
/// class that made it.</param>
public sealed class CartAppFactory(TestDatabase database, string environment = "Testing", string? redis = null,
    string? redisKeyPrefix = null, IReadOnlyDictionary<string, string?>? settings = null, bool testAuth = true,
    Action<IServiceCollection>? services = null, Type? owner = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The clock of the host; starts at the real time, moves only when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestDatabase Database => database;

    /// <summary>The host's log: a file of its own (<see cref="HostLogs"/>), not the terminal.</summary>
    public HostLog Log { get; } = HostLogs.Create(database.Provider, owner);

    private readonly Lock _startLock = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // The console's scripts and styles (Blazor's, MudBlazor's, its own) from the build's static web assets, as
        // `dotnet run` serves them in Development; a published app has them in wwwroot.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        // Hundreds of hosts start in a run; one job worker each is enough for what the tests trigger, and a host whose
        // database a test made unreachable does not wait long for its job server to stop.
        builder.UseSetting("Jobs:WorkerCount", "1");
        builder.UseSetting("Jobs:StopTimeout", "00:00:02");
        // Every host needs a key for reminder links (outside Development none is built in); a test's own settings win.
        builder.UseSetting("Reminders:LinkSigningKey", "test-reminder-link-signing-key-0123456789-abcdef");
        // Generous rate limits first, so a test's own settings (a small budget) win. A setting a test gives as null is
        // left to the appsettings files, as a deployment without it has it.
        var defaults = new Dictionary<string, string?>
        {
            // Development's demo catalog and month of shopping would fill every Development host's database; a test
            // asks for them.
            ["Database:SeedDemoCatalog"] = "false",
            ["Demo:SeedActivity"] = "false",
            // The address links in emails point at, which every environment but Development must be given.
            ["Reminders:PublicBaseUrl"] = "http://localhost",
        };
        foreach (var (key, value) in defaults.Concat(testAuth ? TestAuth.Settings : new Dictionary<string, string?>())
                     .Concat(TestRateLimits.Generous).Concat(settings ?? new Dictionary<string, string?>())
                     .Where(s => settings?.TryGetValue(s.Key, out var given) != true || given is not null))
        {
            builder.UseSetting(key, value);
        }

        if (redis is not null)
        {
            builder.UseSetting("Redis:Configuration", redis);
            builder.UseSetting("Redis:KeyPrefix", redisKeyPrefix ?? $"test-{Guid.NewGuid():N}:");
        }

        // The console log (JSON lines, as in production) of hundreds of hosts would bury the test run's own output.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Log));
        builder.ConfigureServices(collection =>
        {
            collection.RemoveAll<TimeProvider>();
            collection.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(collection);
        });
    }

    /// <summary>The host's services; the host is started first, once, however many threads ask at the same moment
    /// (<see cref="Start"/>).</summary>
    public override IServiceProvider Services
    {
        get
        {
            Start();
            return base.Services;
        }
    }

    /// <summary>
    /// Starts the host unless it runs. The base class does not guard its start: every thread that first uses the
    /// factory at the same moment (a test that sweeps on a fresh instance from several tasks) would start a host of
    /// its own, of which only one is disposed with the factory; the others' job servers would poll and heartbeat on
    /// after the test, against a database already dropped.
    /// </summary>
    private void Start()
    {
        lock (_startLock)
        {
            StartServer();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing); // stops the host (when disposed asynchronously, it already has)
        if (disposing)
        {
            Log.Close();
        }
    }

    /// <summary>A client of this host whose responses are checked against the OpenAPI document
    /// (<see cref="CheckedClients"/>). Hides the base method, which cannot be overridden, so no test bypasses the check.</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        Start();
        return this.CreateCheckedClient(options);
    }

    /// <summary>A client of this host that does not follow redirects (on Kestrel too, at the address it listens on).</summary>
    public HttpClient ClientWithoutRedirects() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = ClientOptions.BaseAddress,
    });

    /// <summary>A client of this host that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = ClientWithoutRedirects();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A client of this host for a new shopper, and that shopper's id. The token is valid by this host's
    /// clock, however far a test has moved it.</summary>
    public (HttpClient Client, string UserId) NewShopper()
    {
        var userId = ApiFixture.NewUserId();
        return (ClientWithToken(TestAuth.Shopper(userId, now: Clock.GetUtcNow())), userId);
    }

    /// <summary>Runs <paramref name="work"/> against the host's own database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<CartDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CartDbContext>());
    }

    public async Task WithDbAsync(Func<CartDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<CartDbContext>());
    }
}
