using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;

namespace Cart.Tests.E2E;

/// <summary>
/// A browser test of the console: a host of its own on a fresh SQLite database, served by Kestrel on a loopback port
/// so Debian's Chromium (one per test class, <see cref="ConsoleBrowser"/>) can reach it.
/// </summary>
public abstract class ConsoleTest(ConsoleBrowser chromium) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private TestDatabase? _database;
    private CartAppFactory? _host;

    protected ConsoleBrowser Chromium => chromium;

    protected CartAppFactory Host => _host!;

    /// <summary>A page signed in as a new staff member with <paramref name="roles"/>.</summary>
    protected async Task<ConsolePage> SignedInAsync(params string[] roles) =>
        await ConsolePage.SignedInAsync(chromium, Host, await Host.NewStaffAsync(roles));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _host = new CartAppFactory(_database);
        _host.UseKestrel(0);
        _host.StartServer();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
