using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin;

/// <summary>Staff accounts made at the same moment by several instances (or by the start-up setup and an admin) on a
/// fresh database: the roles are created once, and no caller fails because another created one first.</summary>
public sealed class StaffAccountsRaceTests() : OwnHostsTest(DatabaseProvider.PostgreSql)
{
    [Fact]
    public async Task CreateAsync_WhenManyRunAtOnceOnAFreshDatabase_AllSucceedAndEachRoleExistsOnce()
    {
        var host = Own(new CartAppFactory(Database));
        await host.StaffAccountsReadyAsync();
        // Several rounds: each starts again from a database without roles, as before any instance started.
        for (var round = 0; round < 5; round++)
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                foreach (var role in roles.Roles.ToList())
                {
                    await roles.DeleteAsync(role);
                }
            }

            var creations = Enumerable.Range(0, 8).Select(async i =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
                    .CreateAsync($"racer-{round}-{i}@cart.test", TestStaff.Password, [StaffRoles.Support]);
            });
            await Task.WhenAll(creations);
        }

        await using var check = host.Services.CreateAsyncScope();
        var names = check.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().Roles
            .Select(r => r.Name).ToList();
        Assert.Equal(StaffRoles.All.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }
}
