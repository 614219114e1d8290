using Cart.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// The caller already holds <see cref="IdempotencyOptions.MaxRecordsPerOwner"/> records whose requests are all still
    /// running, so none could make room for a new key; the key was not kept.
    /// </summary>
    TooManyInProgress,
}

/// <summary>
/// What a claim found: the outcome, the claim's token (for <see cref="IdempotencyStore.ReleaseAsync"/> and the
/// completion), and, for a replay, the stored first response. The record itself stays inside this folder.
/// </summary>
public sealed record ClaimResult(ClaimOutcome Outcome, string ClaimToken, StoredResponse? Response)
{
    internal static ClaimResult Of(ClaimOutcome outcome, IdempotencyRecord record) =>
        new(outcome, record.ClaimToken, outcome == ClaimOutcome.Replay
            ? new StoredResponse(record.ResponseStatus ?? 200, record.ResponseEtag, record.ResponseLocation,
                record.ReadResponseBody())
            : null);
}

/// <summary>The first response of an idempotent request, as stored: written again byte for byte on a replay.</summary>
public sealed record StoredResponse(int Status, string? ETag, string? Location, byte[] Body);

/// <summary>
/// The Idempotency-Key records (IETF draft semantics), kept in the system of record, at most
/// <see cref="IdempotencyOptions.MaxRecordsPerOwner"/> per caller.
/// </summary>
public sealed class IdempotencyStore(CartDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    // Passes of count-and-evict before a claim gives up: a pass only falls short when a concurrent claim of the same
    // caller evicted the same rows first (the next count sees that) or when nothing is evictable.
    private const int EvictionPasses = 3;

    public async Task<ClaimResult> ClaimAsync(string scope, string key, string fingerprint,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow();
            var record = await db.IdempotencyRecords().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key,
                cancellationToken);
            if (record is not null && !record.IsExpired(now) && !record.IsAbandoned(now))
            {
                return ClaimResult.Of(Judge(record, fingerprint), record);
            }

            var isNewKey = record is null;
            if (record is null)
            {
                record = new IdempotencyRecord(scope, key, fingerprint, now);
                db.IdempotencyRecords().Add(record);
            }
            else
            {
                record.Reclaim(fingerprint, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex))
            {
                // Another request claimed the key between our read and our write: look again, and after a few
                // lost races treat it as the other request still running.
                if (attempt >= 2)
                {
                    db.ChangeTracker.Clear();
                    return ClaimResult.Of(ClaimOutcome.InProgress, record);
                }

                continue;
            }

            // Only a new key adds a row. The claim is committed first and the room made after, so that concurrent
            // claims of one caller each see the others' rows and together never leave more than the bound.
            if (isNewKey && !await MakeRoomAsync(scope, key, now))
            {
                await ReleaseAsync(scope, key, record.ClaimToken, CancellationToken.None);
                return ClaimResult.Of(ClaimOutcome.TooManyInProgress, record);
            }

            return ClaimResult.Of(ClaimOutcome.Claimed, record);
        }
    }

    /// <summary>
    /// Evicts the caller's oldest records beyond <see cref="IdempotencyOptions.MaxRecordsPerOwner"/>: finished ones,
    /// claims abandoned past their lease, and expired ones, never a request still running. False when nothing could
    /// be evicted. Not cancelled with the request: a claim that committed must leave the caller within the bound.
    /// </summary>
    private async Task<bool> MakeRoomAsync(string scope, string ownKey, DateTimeOffset now)
    {
        var max = options.Value.MaxRecordsPerOwner;
        for (var pass = 0; pass < EvictionPasses; pass++)
        {
            var count = await db.IdempotencyRecords().CountAsync(r => r.Scope == scope, CancellationToken.None);
            if (count <= max)
            {
                return true;
            }

            var excess = count - max;
            var evicted = await db.IdempotencyRecords()
                .Where(r => r.Scope == scope && r.Key != ownKey
                            && (r.Completed || r.LockedUntil <= now || r.ExpiresAt <= now))
                .OrderBy(r => r.CreatedAt)
                .Take(excess)
                .ExecuteDeleteAsync(CancellationToken.None);
            if (evicted == excess)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Completes this request's claim in <paramref name="context"/>, to be committed with the request's own changes.
    /// Returns false when the claim is no longer this request's.
    /// </summary>
    public static async Task<bool> CompleteAsync(CartDbContext context, string scope, string key, string claimToken,
        int status, string body, string? etag, string? location, CancellationToken cancellationToken)
    {
        var record = await context.IdempotencyRecords().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key,
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
        await db.IdempotencyRecords()
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
