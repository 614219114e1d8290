using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;

namespace Cart.Web.Admin.Users;

/// <summary>One page of the staff accounts whose email starts with <see cref="EmailStartsWith"/>.</summary>
[ConsolePolicy(StaffRoles.AdminPolicy)]
public sealed record ReadStaff(string? EmailStartsWith, int Page, int PageSize) : IConsoleAction<StaffPage>
{
    public async Task<ConsoleResult<StaffPage>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        ConsoleResult<StaffPage>.Done(await call.Get<StaffDirectory>()
            .PageAsync(EmailStartsWith, Page, PageSize, cancellationToken));
}

/// <summary>Creates an account for <see cref="Email"/> with <see cref="Roles"/> and emails it an invitation.</summary>
[ConsolePolicy(StaffRoles.AdminPolicy)]
public sealed record InviteStaff(string Email, IReadOnlyCollection<string> Roles)
    : IConsoleAction<string>, IConsoleChange
{
    public string Target => Email;

    public Task<ConsoleResult<string>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        call.Get<StaffAdministration>().InviteAsync(call.Account, Email, Roles, cancellationToken);
}

/// <summary>Sends the invited account <see cref="UserId"/> a new link; the earlier ones stop working.</summary>
[ConsolePolicy(StaffRoles.AdminPolicy)]
public sealed record ResendInvitation(string UserId) : IConsoleAction<string>, IConsoleChange
{
    public string Target => UserId;

    public Task<ConsoleResult<string>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        call.Get<StaffAdministration>().ResendInvitationAsync(call.Account, UserId, cancellationToken);
}

/// <summary>Gives the account <see cref="UserId"/> exactly <see cref="Roles"/> (never the last admin's Admin away).</summary>
[ConsolePolicy(StaffRoles.AdminPolicy)]
public sealed record SetStaffRoles(string UserId, IReadOnlyCollection<string> Roles)
    : IConsoleAction<string>, IConsoleChange
{
    public string Target => UserId;

    public Task<ConsoleResult<string>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        call.Get<StaffAdministration>().SetRolesAsync(call.Account, UserId, Roles);
}

/// <summary>Disables the account <see cref="UserId"/> and ends its sessions everywhere.</summary>
[ConsolePolicy(StaffRoles.AdminPolicy)]
public sealed record DisableStaff(string UserId) : IConsoleAction<string>, IConsoleChange
{
    public string Target => UserId;

    public Task<ConsoleResult<string>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        call.Get<StaffAdministration>().DisableAsync(call.Account, UserId);
}

/// <summary>Enables the disabled account <see cref="UserId"/> again.</summary>
[ConsolePolicy(StaffRoles.AdminPolicy)]
public sealed record EnableStaff(string UserId) : IConsoleAction<string>, IConsoleChange
{
    public string Target => UserId;

    public Task<ConsoleResult<string>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        call.Get<StaffAdministration>().EnableAsync(call.Account, UserId);
}
