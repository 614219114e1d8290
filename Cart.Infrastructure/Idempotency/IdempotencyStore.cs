using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cart.Infrastructure.Idempotency;

public enum ClaimOutcome
{
    /// <summary>The key is now this request's; run it and complete the record in the same transaction.</summary>
    Claimed,

    /// <summary>The same request already ran: replay its response.</summary>
    Replay,

    /// <summary>The same request is still running elsewhere.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

public sealed record ClaimResult(ClaimOutcome Outcome, IdempotencyRecord Record);

/// <summary>The Idempotency-Key records (IETF draft semantics), kept in the system of record.</summary>
public sealed class IdempotencyStore(CartDbContext db, TimeProvider clock)
{
    public async Task<ClaimResult> ClaimAsync(string scope, string key, string fingerprint,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow();
            var record = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key,
                cancellationToken);
            if (record is not null && !record.IsExpired(now) && !record.IsAbandoned(now))
            {
                return new ClaimResult(Judge(record, fingerprint), record);
            }

            if (record is null)
            {
                record = new IdempotencyRecord(scope, key, fingerprint, now);
                db.IdempotencyRecords.Add(record);
            }
            else
            {
                record.Reclaim(fingerprint, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new ClaimResult(ClaimOutcome.Claimed, record);
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex))
            {
                // Another request claimed the key between our read and our write: look again, and after a few
                // lost races treat it as the other request still running.
                if (attempt >= 2)
                {
                    db.ChangeTracker.Clear();
                    return new ClaimResult(ClaimOutcome.InProgress, record);
                }
            }
        }
    }

    /// <summary>
    /// Completes this request's claim in <paramref name="context"/>, to be committed with the request's own changes.
    /// Returns false when the claim is no longer this request's.
    /// </summary>
    public static async Task<bool> CompleteAsync(CartDbContext context, string scope, string key, string claimToken,
        int status, string body, string? etag, string? location, CancellationToken cancellationToken)
    {
        var record = await context.IdempotencyRecords.SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key,
            cancellationToken);
        if (record is null || record.ClaimToken != claimToken || record.Completed)
        {
            return false;
        }

        record.Complete(status, body, etag, location);
        return true;
    }

    /// <summary>Gives the key back after the request failed without changing anything, so a retry runs anew.</summary>
    public async Task ReleaseAsync(string scope, string key, string claimToken, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.IdempotencyRecords
            .Where(r => r.Scope == scope && r.Key == key && r.ClaimToken == claimToken && !r.Completed)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private static ClaimOutcome Judge(IdempotencyRecord record, string fingerprint)
    {
        if (!string.Equals(record.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            return ClaimOutcome.Mismatch;
        }

        return record.Completed ? ClaimOutcome.Replay : ClaimOutcome.InProgress;
    }
}
