using System.Text;
using Cart.Web.Admin.Staff;
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
    TimeProvider clock,
    ILogger<DataProtectorTokenProvider<IdentityUser>> logger)
    : DataProtectorTokenProvider<IdentityUser>(dataProtection, options, logger)
{
    public const string ProviderName = "StaffInvitation";

    /// <summary>What the token is for: a token made for anything else does not open an invitation.</summary>
    public const string Purpose = "accept-invitation";

    /// <summary>
    /// Whether <paramref name="token"/> is an invitation this service made for <paramref name="userId"/>, still within
    /// its lifetime, whatever the account's security stamp is now. Only the holder of such a link may learn that it was
    /// used or that the account was disabled; anyone else is told the link is not valid.
    /// </summary>
    /// <remarks>Reads the layout Identity writes (creation time, user id, purpose, stamp) without the stamp's check,
    /// which <see cref="DataProtectorTokenProvider{TUser}.ValidateAsync"/> adds.</remarks>
    public bool IsGenuine(string token, string userId)
    {
        try
        {
            var data = Protector.Unprotect(Convert.FromBase64String(token));
            using var reader = new BinaryReader(new MemoryStream(data), new UTF8Encoding(false, true));
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            return created + Options.TokenLifespan >= clock.GetUtcNow()
                   && reader.ReadString() == userId
                   && reader.ReadString() == Purpose;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException
                                      or EndOfStreamException or DecoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>The invitation tokens' options (a type of their own, so the lifetime applies to invitations only).</summary>
internal sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;
