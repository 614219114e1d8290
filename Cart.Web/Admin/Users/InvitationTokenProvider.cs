using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Users;

/// <summary>
/// Identity's data-protection token, with its own name and lifetime (<see cref="AdminOptions.InvitationLifetime"/>), for
/// invitation links. It carries the account's security stamp, which setting the password changes, so a link works once;
/// and the key ring is the shared one in the database, so any instance accepts what another sent.
/// </summary>
internal sealed class InvitationTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<IdentityUser>> logger)
    : DataProtectorTokenProvider<IdentityUser>(dataProtection, options, logger)
{
    public const string ProviderName = "StaffInvitation";

    /// <summary>What the token is for: a token made for anything else does not open an invitation.</summary>
    public const string Purpose = "accept-invitation";
}

/// <summary>The invitation tokens' options (a type of their own, so the lifetime applies to invitations only).</summary>
internal sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;
