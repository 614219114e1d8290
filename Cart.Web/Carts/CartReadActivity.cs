using System.Collections.Concurrent;
using System.Threading.Channels;
using Cart.Domain.Carts;
using Cart.Domain.Common;
using Cart.Infrastructure.Carts;

namespace Cart.Web.Carts;

/// <summary>
/// Reads worth recording as activity (<see cref="CartActivityRules"/>), written down off the read path: a read hands
/// its cart over and answers at once, and this writes the conditional update and then puts the copy back into the
/// cache with the new time, so the following reads on any instance find it fresh. A read never waits on the database
/// for it — while the database is away, reads are served from the cache as before and the recording waits for the next
/// read after it is back. Best effort by design: a full queue, a failed update or a stopping instance drops the
/// recording; a later read records it again (the rule has a day of slack for exactly this).
/// </summary>
internal sealed partial class CartReadActivity(IServiceScopeFactory scopes, ILogger<CartReadActivity> logger)
    : BackgroundService
{
    private const int Capacity = 10_000;

    private readonly Channel<Read> _reads = Channel.CreateBounded<Read>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Carts queued or being written: a hot cart read a thousand times before its write lands is written once.</summary>
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    /// <summary>Whether every read queued so far has been written down (or given up on).</summary>
    public bool IsIdle => _pending.IsEmpty;

    /// <summary>Queues the read of <paramref name="cart"/> at <paramref name="now"/> when the rule says it counts.</summary>
    public void Saw(CartOwner owner, CartSnapshot cart, DateTimeOffset now)
    {
        if (cart.CartId is { } id && CartActivityRules.ReadIsWorthRecording(cart.LastActiveAt, now)
                                 && _pending.TryAdd(id, 0) && !_reads.Writer.TryWrite(new Read(owner, cart, now)))
        {
            _pending.TryRemove(id, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var read in _reads.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CartActivityRecorder>()
                    .RecordReadAsync(read.Cart.CartId!, read.At, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<CartCache>()
                    .PutAsync(read.Owner, read.Cart with { LastActiveAt = read.At });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotRecorded(logger, e);
            }
            finally
            {
                _pending.TryRemove(read.Cart.CartId!, out _);
            }
        }
    }

    private sealed record Read(CartOwner Owner, CartSnapshot Cart, DateTimeOffset At);

    [LoggerMessage(LogLevel.Warning, "Could not record a read of a cart as activity; a later read tries again")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);
}
