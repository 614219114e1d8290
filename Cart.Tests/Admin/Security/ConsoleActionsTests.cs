using System.Security.Claims;
using Cart.Domain.Carts.Support;
using Cart.Tests.Admin.Support;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;
using Cart.Web.Admin.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Xunit.Abstractions;

namespace Cart.Tests.Admin.Security;

/// <summary>
/// The console's one runner: every action declares who may run it, an action that declares nobody does not run, and
/// every change leaves a log entry of who did what to what, and how it ended.
/// </summary>
public sealed class ConsoleActionsTests(ITestOutputHelper output) : OwnHostsTest
{
    /// <summary>Every console action and the policies that may run it. A new action must be added here, with its
    /// policy: the list is what a reviewer reads to see who can do what in the console.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["FindCarts"] = [StaffRoles.SupportPolicy],
        ["ReadCart"] = [StaffRoles.SupportPolicy],
        ["ReadTimeline"] = [StaffRoles.SupportPolicy],
        ["FixCart"] = [StaffRoles.SupportPolicy],
        ["ReleaseCartHold"] = [StaffRoles.SupportPolicy, StaffRoles.MerchandisingPolicy],
        ["ReadHolds"] = [StaffRoles.MerchandisingPolicy],
        ["ReadSkuFigures"] = [StaffRoles.MerchandisingPolicy],
        ["ReadSkuHolders"] = [StaffRoles.MerchandisingPolicy],
        ["StreamHolds"] = [StaffRoles.MerchandisingPolicy],
        ["ReadProducts"] = [StaffRoles.MerchandisingPolicy],
        ["ChangePrice"] = [StaffRoles.MerchandisingPolicy],
        ["SetOnHand"] = [StaffRoles.MerchandisingPolicy],
        ["ReadDashboard"] = [StaffRoles.MerchandisingPolicy],
        ["ReadDashboardFigures"] = [StaffRoles.MerchandisingPolicy],
        ["ReadStaff"] = [StaffRoles.AdminPolicy],
        ["InviteStaff"] = [StaffRoles.AdminPolicy],
        ["ResendInvitation"] = [StaffRoles.AdminPolicy],
        ["SetStaffRoles"] = [StaffRoles.AdminPolicy],
        ["DisableStaff"] = [StaffRoles.AdminPolicy],
        ["EnableStaff"] = [StaffRoles.AdminPolicy],
    };

    [Fact]
    public void EveryConsoleAction_DeclaresItsPolicy()
    {
        var actions = typeof(ConsoleRunner).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i =>
                i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsoleAction<>)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(t => t.Name, t => ConsoleRunner.PoliciesOf(t).ToArray(), StringComparer.Ordinal);
        foreach (var (name, policies) in actions)
        {
            output.WriteLine($"{name}: {(policies.Length == 0 ? "NO POLICY" : string.Join(", ", policies))}");
        }

        Assert.Empty(actions.Where(a => a.Value.Length == 0).Select(a => a.Key));
        Assert.Equal(Expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"),
            actions.Select(a => $"{a.Key}: {string.Join(", ", a.Value)}"));
    }

    [Fact]
    public async Task Run_WhenTheActionDeclaresNoPolicy_RefusesAndNeverRunsIt()
    {
        var host = Own(new CartAppFactory(Database));
        var admin = await host.StaffSessionAsync(StaffRoles.Admin, StaffRoles.Merchandiser, StaffRoles.Support);
        var action = new Undeclared();

        var result = await host.RunAsync(admin, action);

        Assert.Equal(ConsoleOutcome.Refused, result.Outcome);
        Assert.Contains("declares no staff policy", result.Message, StringComparison.Ordinal);
        Assert.False(action.Ran);
    }

    [Fact]
    public async Task Run_WhenAChangeIsMade_LogsWhoDidWhatToWhatAndTheOutcome()
    {
        var host = Own(new CartAppFactory(Database));
        var agent = await host.StaffSessionAsync(StaffRoles.Support);
        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        var mug = await host.AddProductAsync(12.5m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(mug, 2);
        var logger = new FakeLogger<ConsoleRunner>();
        await using var scope = host.Services.CreateAsyncScope();
        var runner = new ConsoleRunner(scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>(),
            scope.ServiceProvider.GetRequiredService<StaffStanding>(), logger);

        var done = await runner.RunAsync(new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason,
            SupportAction.RemoveLine, mug), agent, CancellationToken.None);
        var refused = await runner.RunAsync(new FixCart(cart.CartId(), cart.Version(), SupportStaff.Reason,
            SupportAction.ClearCart), merchandiser, CancellationToken.None);
        await runner.RunAsync(new ReadCart(cart.CartId()), agent, CancellationToken.None);

        Assert.Equal((ConsoleOutcome.Done, ConsoleOutcome.Refused), (done.Outcome, refused.Outcome));
        var changes = logger.Collector.GetSnapshot().Where(r => r.Message.StartsWith("Console change", StringComparison.Ordinal))
            .Select(r => r.StructuredState!.ToDictionary(kv => kv.Key, kv => kv.Value)).ToList();
        Assert.Equal(2, changes.Count); // the read is not a change
        Assert.Equal((Id(agent), "FixCart", cart.CartId(), "Done"),
            (changes[0]["StaffId"], changes[0]["Action"], changes[0]["Target"], changes[0]["Outcome"]));
        Assert.Equal((Id(merchandiser), "FixCart", cart.CartId(), "Refused"),
            (changes[1]["StaffId"], changes[1]["Action"], changes[1]["Target"], changes[1]["Outcome"]));
    }

    private static string Id(ClaimsPrincipal staff) => staff.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>An action that forgot its <see cref="ConsolePolicyAttribute"/>.</summary>
    private sealed class Undeclared : IConsoleAction<int>
    {
        public bool Ran { get; private set; }

        public Task<ConsoleResult<int>> RunAsync(ConsoleCall call, CancellationToken cancellationToken)
        {
            Ran = true;
            return Task.FromResult(ConsoleResult<int>.Done(1));
        }
    }
}
