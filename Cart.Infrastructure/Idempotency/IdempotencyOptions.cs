using System.ComponentModel.DataAnnotations;

namespace Cart.Infrastructure.Idempotency;

/// <summary>How Idempotency-Key records are cleaned up, and how many one caller may hold.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>Rows one purge statement deletes at most, so no statement holds its locks for long.</summary>
    [Range(1, 100_000)]
    public int PurgeBatchSize { get; set; } = 1_000;

    /// <summary>
    /// Records one caller (scope) may hold at once; a new key beyond it evicts the caller's oldest finished records.
    /// With the largest cart compressed to at most 200 KB, this bounds one caller's storage.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxRecordsPerOwner { get; set; } = 1_000;
}
