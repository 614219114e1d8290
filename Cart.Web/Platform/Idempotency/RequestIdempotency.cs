using Cart.Infrastructure.Idempotency;
using Cart.Infrastructure.Persistence;
using Cart.Web.Platform.Problems;

namespace Cart.Web.Platform.Idempotency;

/// <summary>
/// The Idempotency-Key claim of the current request, if it has one. The write pipeline completes it inside the
/// same transaction as the cart change, so a change and its replayable response commit together or not at all.
/// </summary>
internal sealed class RequestIdempotency
{
    private string? _scope;
    private string? _key;
    private string? _claimToken;

    public bool IsClaimed => _claimToken is not null;

    public bool IsCompleted { get; private set; }

    public void Claimed(string scope, string key, string claimToken)
    {
        _scope = scope;
        _key = key;
        _claimToken = claimToken;
    }

    /// <summary>Adds the completion of the claim to the pending changes of <paramref name="db"/>.</summary>
    public async Task AddCompletionAsync(CartDbContext db, int status, string body, string? etag, string? location,
        CancellationToken cancellationToken)
    {
        if (!IsClaimed)
        {
            return;
        }

        var mine = await IdempotencyStore.CompleteAsync(db, _scope!, _key!, _claimToken!, status, body, etag, location,
            cancellationToken);
        if (!mine)
        {
            throw new ProblemException(ProblemCodes.RequestInProgress,
                "This Idempotency-Key was taken over by another request.");
        }

        IsCompleted = true;
    }
}
