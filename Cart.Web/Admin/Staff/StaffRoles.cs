namespace Cart.Web.Admin.Staff;

/// <summary>
/// The admin console's roles, and the policies its pages and actions check. An admin may do everything; a
/// merchandiser sees the figures, holds and products; support finds and fixes shoppers' carts.
/// </summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Merchandiser = "Merchandiser";
    public const string Support = "Support";

    public static readonly IReadOnlyList<string> All = [Admin, Merchandiser, Support];

    /// <summary>Any signed-in staff member.</summary>
    public const string StaffPolicy = "staff";

    /// <summary>Admins only: users, the jobs dashboard.</summary>
    public const string AdminPolicy = "staff-admin";

    /// <summary>Merchandisers and admins: dashboard, holds, products.</summary>
    public const string MerchandisingPolicy = "staff-merchandising";

    /// <summary>Support and admins: cart look-up and fixes.</summary>
    public const string SupportPolicy = "staff-support";
}
