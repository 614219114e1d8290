namespace Cart.Web.Admin.Support;

public enum SupportFixStatus
{
    /// <summary>The fix is committed; <see cref="SupportFixResult.Version"/> is the cart's new version.</summary>
    Done,

    /// <summary>The reason is missing, too short or too long; nothing was tried.</summary>
    InvalidReason,

    /// <summary>The staff member may not fix carts (Support and Admin only); nothing was tried.</summary>
    Forbidden,

    /// <summary>The cart changed since the version the support user saw; nothing changed: reload and look again.</summary>
    Conflict,

    /// <summary>A rule refused the fix (stock, a limit, a closed cart); nothing changed.</summary>
    Refused,

    /// <summary>The cart or the database was busy; nothing is known to have changed: try again.</summary>
    Busy,
}

/// <summary>What became of a support fix, with a message for the support user.</summary>
public sealed record SupportFixResult(SupportFixStatus Status, string Message, long? Version = null)
{
    public bool Succeeded => Status == SupportFixStatus.Done;
}
