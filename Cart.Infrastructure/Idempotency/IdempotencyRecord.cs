namespace Cart.Infrastructure.Idempotency;

/// <summary>
/// One Idempotency-Key of one caller: claimed while its request runs, then completed with the response to replay,
/// in the same transaction as the change the request made.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
        Scope = string.Empty;
        Key = string.Empty;
        Fingerprint = string.Empty;
    }

    public IdempotencyRecord(string scope, string key, string fingerprint, DateTimeOffset now)
    {
        Scope = scope;
        Key = key;
        Fingerprint = fingerprint;
        ClaimToken = NewClaimToken();
        CreatedAt = now;
        LockedUntil = now + IdempotencyLimits.Lease;
        ExpiresAt = now + IdempotencyLimits.Retention;
    }

    /// <summary>The caller the key belongs to (for example <c>user:123</c>); keys of different callers never meet.</summary>
    public string Scope { get; private set; }

    public string Key { get; private set; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public string Fingerprint { get; private set; }

    /// <summary>
    /// Names the request that holds the key; a concurrency token, so a request whose claim was taken over can never
    /// complete the record.
    /// </summary>
    public string ClaimToken { get; private set; } = string.Empty;

    public bool Completed { get; private set; }

    public int? ResponseStatus { get; private set; }

    /// <summary>The response body to replay, compressed (<see cref="ResponseBodyCompression"/>).</summary>
    public byte[]? ResponseBodyCompressed { get; private set; }

    public string? ResponseEtag { get; private set; }

    public string? ResponseLocation { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>While unfinished, the claim holds until then; past it, an instance that died is presumed gone.</summary>
    public DateTimeOffset LockedUntil { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The stored response body, byte for byte as it was first sent.</summary>
    public byte[] ReadResponseBody() =>
        ResponseBodyCompressed is null ? [] : ResponseBodyCompression.Decompress(ResponseBodyCompressed);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    public bool IsAbandoned(DateTimeOffset now) => !Completed && LockedUntil <= now;

    public void Complete(int status, string body, string? etag, string? location)
    {
        Completed = true;
        ResponseStatus = status;
        ResponseBodyCompressed = ResponseBodyCompression.Compress(body);
        ResponseEtag = etag;
        ResponseLocation = location;
    }

    /// <summary>Takes over a claim whose time ran out, or a record past its 24 hours, for a new request.</summary>
    public void Reclaim(string fingerprint, DateTimeOffset now)
    {
        ClaimToken = NewClaimToken();
        Fingerprint = fingerprint;
        Completed = false;
        ResponseStatus = null;
        ResponseBodyCompressed = null;
        ResponseEtag = null;
        ResponseLocation = null;
        CreatedAt = now;
        LockedUntil = now + IdempotencyLimits.Lease;
        ExpiresAt = now + IdempotencyLimits.Retention;
    }

    private static string NewClaimToken() => Guid.NewGuid().ToString("N");
}
