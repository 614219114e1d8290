using Cart.Infrastructure.Persistence;

namespace Cart.Tests.Fixtures;

/// <summary>
/// A test class whose tests each build hosts of their own (with their own settings) on one fresh database (SQLite
/// unless <paramref name="provider"/> says otherwise); everything a test hands to <see cref="Own{T}"/> is disposed
/// after it, newest first.
/// </summary>
public abstract class OwnHostsTest(DatabaseProvider provider = DatabaseProvider.Sqlite) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Disposes <paramref name="disposable"/> when the test ends.</summary>
    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
