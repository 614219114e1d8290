namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Which version of the service owns the stored schedule. During a rolling deploy old and new instances share the
/// storage, and each stores its own recurring jobs when it starts; without an order between them, an old instance
/// starting late would delete a job the new version added (as one no module of its own defines) or bring back one the
/// new version retired. So every change to the set of recurring jobs raises <see cref="Revision"/>: an instance
/// stores its jobs, and removes the ones it does not define, only when its revision is at least the stored one.
/// </summary>
public static class RecurringJobCatalog
{
    /// <summary>Raise by one whenever a recurring job is added, renamed or removed (a test lists the current set).</summary>
    public const int Revision = 2;

    /// <summary>The storage hash that remembers the highest revision that has stored its jobs.</summary>
    internal const string StorageKey = "cart:recurring-job-catalog";

    internal const string RevisionField = "revision";
}
