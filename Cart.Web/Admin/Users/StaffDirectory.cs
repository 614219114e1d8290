using Cart.Infrastructure.Persistence;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cart.Web.Admin.Users;

/// <summary>
/// Reads pages of staff accounts: ordered by normalised email (Identity's index), with their roles and last sign-in
/// read for that page's accounts only, so a page costs three small queries however many accounts there are.
/// </summary>
internal sealed class StaffDirectory(CartDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <param name="emailStartsWith">Only accounts whose email starts with this (any case); empty: all.</param>
    /// <param name="page">0-based.</param>
    public async Task<StaffPage> PageAsync(string? emailStartsWith, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var accounts = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(emailStartsWith))
        {
            var prefix = emailStartsWith.Trim().ToUpperInvariant();
            accounts = accounts.Where(u => u.NormalizedEmail!.StartsWith(prefix));
        }

        var total = await accounts.CountAsync(cancellationToken);
        var rows = await accounts.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(u => new { u.Id, u.Email, u.LockoutEnd, HasPassword = u.PasswordHash != null })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           where ids.Contains(link.UserId)
                           select new { link.UserId, role.Name }).ToListAsync(cancellationToken);
        var signIns = await db.UserTokens
            .Where(t => ids.Contains(t.UserId) && t.LoginProvider == LastSignIn.Provider && t.Name == LastSignIn.Name)
            .Select(t => new { t.UserId, t.Value }).ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var members = rows.Select(r => new StaffMember(
                r.Id,
                r.Email ?? "",
                StaffRoles.All.Where(name => roles.Any(x => x.UserId == r.Id && x.Name == name)).ToList(),
                StaffStatuses.Of(r.LockoutEnd, r.HasPassword, now),
                LastSignIn.Parse(signIns.FirstOrDefault(s => s.UserId == r.Id)?.Value)))
            .ToList();
        return new StaffPage(members, total);
    }

    /// <summary>The admins who can act now: in the Admin role, with a password, not disabled.</summary>
    public static async Task<int> ActiveAdminsAsync(UserManager<IdentityUser> users, string? except)
    {
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return admins.Count(u => u.Id != except && u.PasswordHash is not null && !StaffStatuses.IsDisabled(u));
    }
}
