using Microsoft.AspNetCore.Identity;

namespace Cart.Web.Admin.Staff;

/// <summary>Where a staff account stands.</summary>
public enum StaffStatus
{
    /// <summary>Has a password and may sign in.</summary>
    Active,

    /// <summary>Invited, has not set a password yet.</summary>
    Invited,

    /// <summary>Locked for a while after repeated failed sign-ins.</summary>
    LockedOut,

    /// <summary>Disabled by an admin: locked without end until enabled again.</summary>
    Disabled,
}

/// <summary>How a status is read from Identity's account, and how "disabled" is written into it.</summary>
internal static class StaffStatuses
{
    /// <summary>Disabled is a lockout without end, so Identity's own sign-in refuses the account.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public static bool IsDisabled(IdentityUser user) => IsDisabled(user.LockoutEnd);

    /// <summary>Compared with a year's slack: a database may keep the end less precisely than it was written (SQLite
    /// keeps milliseconds), and no lockout for failed attempts ends that late.</summary>
    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd > DisabledUntil.AddYears(-1);

    public static StaffStatus Of(DateTimeOffset? lockoutEnd, bool hasPassword, DateTimeOffset now) =>
        IsDisabled(lockoutEnd) ? StaffStatus.Disabled
        : lockoutEnd > now ? StaffStatus.LockedOut
        : hasPassword ? StaffStatus.Active
        : StaffStatus.Invited;
}
