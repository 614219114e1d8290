using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cart.Web.Admin.Users;

/// <summary>The users page's services: the directory, the admin actions, invitations and their tokens.</summary>
internal static class UsersSetup
{
    public static IServiceCollection AddStaffUsers(this IServiceCollection services)
    {
        services.AddOptions<InvitationTokenProviderOptions>()
            .Configure<IOptions<AdminOptions>>((o, admin) =>
            {
                o.Name = InvitationTokenProvider.ProviderName;
                o.TokenLifespan = admin.Value.InvitationLifetime;
            });
        services.Configure<IdentityOptions>(o => o.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] =
            new TokenProviderDescriptor(typeof(InvitationTokenProvider)));
        services.AddTransient<InvitationTokenProvider>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<StaffInvitations>();
        services.AddScoped<StaffAdministration>();
        return services;
    }
}
