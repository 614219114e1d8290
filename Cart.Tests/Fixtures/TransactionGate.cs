using System.Data.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>
/// Holds the next transaction a host begins until the test opens the gate: a write has read its cart by then, so
/// whatever another instance commits meanwhile is a race the write loses.
/// </summary>
public sealed class TransactionGate : DbTransactionInterceptor
{
    private TaskCompletionSource? _reached;
    private TaskCompletionSource? _open;

    /// <summary>Closes the gate for the next transaction; the task ends when a write is waiting at it.</summary>
    public Task CloseForNextTransaction()
    {
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _reached, reached);
        return reached.Task;
    }

    public void Open() => _open?.TrySetResult();

    public void AddTo(IServiceCollection services, DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.ConfigureDbContext<SqliteCartDbContext>(o => o.AddInterceptors(this));
                break;
            case DatabaseProvider.PostgreSql:
                services.ConfigureDbContext<PostgreSqlCartDbContext>(o => o.AddInterceptors(this));
                break;
            default:
                throw new NotSupportedException(provider.ToString());
        }
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        var reached = Interlocked.Exchange(ref _reached, null);
        if (reached is not null)
        {
            reached.SetResult();
            await _open!.Task.WaitAsync(cancellationToken);
        }

        return result;
    }
}
