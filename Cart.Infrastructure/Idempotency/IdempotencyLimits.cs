namespace Cart.Infrastructure.Idempotency;

public static class IdempotencyLimits
{
    public const int MaxKeyLength = 255;

    /// <summary>How long a key is remembered (API.md: 24 hours).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long a claim holds before another request may take over the key of a request that never ended.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
}
