using System.ComponentModel.DataAnnotations;

namespace Cart.Web.Admin.Staff;

/// <summary>The admin console's accounts: the first admin of a deployment, and the demo users of Development.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// The first admin, created at start when no admin exists yet (a deployment sets both from its secrets, signs in,
    /// invites the others, then removes them). Nothing is created while either is empty; no password is built in.
    /// </summary>
    [EmailAddress]
    public string? BootstrapEmail { get; set; }

    public string? BootstrapPassword { get; set; }

    /// <summary>Development only: seeds admin@, merchandiser@ and support@ <c>cart.local</c> with this password and
    /// prints them at start. Refused in any other environment.</summary>
    public string? DevelopmentPassword { get; set; }

    /// <summary>How long a sign-in lasts without use (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often a signed-in session is checked against its account (signed out elsewhere, disabled, roles
    /// changed): the longest a stolen or revoked cookie keeps working.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the link in an invitation email works (an admin can send a new one).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "14.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(3);
}
