using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Cart.Web.Admin.Staff;

/// <summary>
/// When a staff member last signed in: kept as one of Identity's user tokens under the console's own name, so it costs
/// one small write per sign-in and no change to the accounts' table.
/// </summary>
internal static class LastSignIn
{
    public const string Provider = "cart-console";
    public const string Name = "last-sign-in";

    public static Task RecordAsync(UserManager<IdentityUser> users, IdentityUser user, DateTimeOffset now) =>
        users.SetAuthenticationTokenAsync(user, Provider, Name, now.ToString("O", CultureInfo.InvariantCulture));

    public static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
