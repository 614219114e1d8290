using System.Data.Common;
using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>
/// Breaks the next commit the way a network does: before the server receives it, or after the server committed but
/// before the client heard back; and, if asked, the read that follows too.
/// </summary>
public sealed class CommitFaults : IDbTransactionInterceptor, IDbCommandInterceptor
{
    private int _failBeforeCommit;
    private int _failAfterCommit;
    private int _failNextRead;

    public void FailNextCommitBeforeItIsSent() => Interlocked.Exchange(ref _failBeforeCommit, 1);

    /// <summary>The next commit happens, then its caller gets an error.</summary>
    public void FailNextCommitAfterItHappened(bool andTheReadAfterIt = false)
    {
        Interlocked.Exchange(ref _failAfterCommit, andTheReadAfterIt ? 2 : 1);
    }

    /// <summary>Registers these faults with the host's database context, whichever provider it uses.</summary>
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

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction,
        TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _failBeforeCommit, 0) == 1)
        {
            throw new TimeoutException("injected: the connection broke before the commit was sent");
        }

        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        var fault = Interlocked.Exchange(ref _failAfterCommit, 0);
        if (fault > 0)
        {
            Interlocked.Exchange(ref _failNextRead, fault == 2 ? 1 : 0);
            throw new TimeoutException("injected: the connection broke after the server committed");
        }

        return Task.CompletedTask;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _failNextRead, 0) == 1)
        {
            throw new TimeoutException("injected: the database did not answer the read");
        }

        return ValueTask.FromResult(result);
    }
}
