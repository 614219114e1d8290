using Cart.Web.Admin.Staff;

namespace Cart.Web.Admin.Actions;

/// <summary>
/// The staff policies (<see cref="StaffRoles"/>) any one of which lets a staff member run the console action it marks.
/// <see cref="ConsoleRunner"/> refuses an action without one: nothing in the console runs unchecked by omission.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConsolePolicyAttribute(params string[] policies) : Attribute
{
    public IReadOnlyList<string> Policies { get; } = policies;
}
