using Cart.Web.Admin.Staff;

namespace Cart.Web.Admin.Users;

/// <summary>One staff account as the users page lists it.</summary>
public sealed record StaffMember(
    string Id,
    string Email,
    IReadOnlyList<string> Roles,
    StaffStatus Status,
    DateTimeOffset? LastSignIn);

/// <summary>A page of staff accounts, and how many match in all.</summary>
public sealed record StaffPage(IReadOnlyList<StaffMember> Members, int Total);
