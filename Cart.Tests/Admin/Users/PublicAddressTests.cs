using Cart.Infrastructure.Reminders;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Users;

/// <summary>
/// The links in emails (reminders, console invitations) point at <c>Reminders:PublicBaseUrl</c>; in Development,
/// unset, at the address the service listens on, so a newcomer on another port gets links that open.
/// </summary>
public sealed class PublicAddressTests : OwnHostsTest
{
    [Fact]
    public async Task ReminderLinks_InDevelopmentWithoutAPublicAddress_PointAtTheAddressTheServiceListensOn()
    {
        var host = Own(new CartAppFactory(Database, "Development", settings: new Dictionary<string, string?>
        {
            ["Reminders:PublicBaseUrl"] = null,
        }));
        host.UseKestrel(0);
        host.StartServer();
        var listening = new Uri(Assert.Single(host.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses));

        var link = host.Services.GetRequiredService<ReminderLinks>().RecoveryUrl("rem_x");

        Assert.Equal(listening.Port, link.Port);
        Assert.NotEqual(5205, link.Port);
        Assert.StartsWith($"http://{listening.Host}:{listening.Port}/api/v1/reminders/r/", link.AbsoluteUri,
            StringComparison.Ordinal);
        using var browser = new HttpClient();
        using var health = await browser.GetAsync(new Uri(link, "/health/live"));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void ReminderLinks_WhenThePublicAddressIsSet_PointAtIt()
    {
        var host = Own(new CartAppFactory(Database, "Development", settings: new Dictionary<string, string?>
        {
            ["Reminders:PublicBaseUrl"] = "https://cart.example.test",
        }));
        host.UseKestrel(0);
        host.StartServer();

        var link = host.Services.GetRequiredService<ReminderLinks>().RecoveryUrl("rem_x");

        Assert.StartsWith("https://cart.example.test/api/v1/reminders/r/", link.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OutsideDevelopmentWithoutAPublicAddress_FailsNamingTheSetting()
    {
        var host = Own(new CartAppFactory(Database, "Production", settings: new Dictionary<string, string?>
        {
            ["Reminders:PublicBaseUrl"] = null,
        }));

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Reminders:PublicBaseUrl is not set", error.ToString(), StringComparison.Ordinal);
    }
}
