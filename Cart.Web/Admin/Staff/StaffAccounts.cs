using System.Globalization;
using Cart.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Staff;

/// <summary>
/// The staff accounts the console starts with: its roles, the first admin of a deployment (from configuration), and in
/// Development the three demo users. Made in the background once the host runs (<see cref="StaffAccountsSetup"/>),
/// so an instance comes up while its database is away; safe on every start and every instance.
/// </summary>
internal sealed partial class StaffAccounts(
    UserManager<IdentityUser> users,
    RoleManager<IdentityRole> roles,
    CartDbContext db,
    IOptions<AdminOptions> options,
    IHostEnvironment environment,
    ILogger<StaffAccounts> logger)
{
    public static readonly IReadOnlyList<(string Email, string Role)> DevelopmentUsers =
    [
        ("admin@cart.local", StaffRoles.Admin),
        ("merchandiser@cart.local", StaffRoles.Merchandiser),
        ("support@cart.local", StaffRoles.Support),
    ];

    public async Task PrepareAsync()
    {
        var o = options.Value;
        await EnsureRolesAsync();
        if (o.BootstrapEmail is { Length: > 0 } email && (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count == 0)
        {
            await CreateAsync(email, o.BootstrapPassword!, [StaffRoles.Admin]);
            LogBootstrapped(logger, email);
        }

        if (environment.IsDevelopment() && o.DevelopmentPassword is { Length: > 0 } password)
        {
            foreach (var (devEmail, role) in DevelopmentUsers)
            {
                if (await users.FindByEmailAsync(devEmail) is null)
                {
                    await CreateAsync(devEmail, password, [role]);
                }

                LogDevelopmentUser(logger, role, devEmail, password);
            }
        }
    }

    /// <summary>A new staff account, signed in by its email; refused (an exception naming why) when Identity's rules
    /// refuse the email or the password.</summary>
    public async Task<IdentityUser> CreateAsync(string email, string password, IReadOnlyCollection<string> roleNames)
    {
        await EnsureRolesAsync();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), $"create the staff account {email}");
        Check(await users.AddToRolesAsync(user, roleNames), $"give {email} its roles");
        return user;
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }

            // Another instance (or this one's start-up setup) may create it at the same moment: the unique name index
            // keeps one, and the loser's insert fails with the database's error, not an IdentityResult.
            var created = new IdentityRole(role);
            try
            {
                Check(await roles.CreateAsync(created), $"create the role {role}");
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                db.Entry(created).State = EntityState.Detached; // not inserted again by this scope's next save
                if (!await roles.RoleExistsAsync(role))
                {
                    throw;
                }
            }
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}"));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Created the first admin {Email} from Admin:BootstrapEmail; remove the bootstrap settings now")]
    private static partial void LogBootstrapped(ILogger logger, string email);

    [LoggerMessage(LogLevel.Information, "Console user ({Role}): {Email} / {Password}  (Development only)")]
    private static partial void LogDevelopmentUser(ILogger logger, string role, string email, string password);
}
