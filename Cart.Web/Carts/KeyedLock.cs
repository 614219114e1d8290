namespace Cart.Web.Carts;

/// <summary>
/// Serialises work on one key (a cart owner) inside this process, so concurrent writes to one cart queue here
/// instead of colliding in the database. Correctness across instances rests on the cart's version, not on this.
/// </summary>
internal sealed class KeyedLock
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate();
                _gates[key] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }

        return new Releaser(this, key, gate);
    }

    /// <summary>How many keys have holders or waiters (for tests: entries never leak).</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    private void Leave(string key, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(KeyedLock owner, string key, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(key, gate);
            }
        }
    }
}
