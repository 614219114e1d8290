using System.Net;
using Cart.Domain.Carts;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reminders;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Reminders;

/// <summary>The links of a reminder email: signed, for one purpose each, and expiring.</summary>
public sealed class ReminderLinkTests : OwnHostsTest
{
    private const string Code = "invalid_reminder_token";

    [Fact]
    public async Task Links_WhenTamperedWith_Are400InvalidReminderTokenAndChangeNothing()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var message = await OneReminderAsync(host, smtp);
        var recover = message.RecoveryLink();
        var unsubscribe = message.UnsubscribeLink();
        var browser = host.ClientWithoutRedirects();

        foreach (var link in new[] { Tamper(recover), Tamper(unsubscribe), recover + "x", "/api/v1/reminders/r/not-a-token" })
        {
            await (await browser.GetAsync(link)).ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        }

        // A token is for one purpose: the unsubscribe token does not open the cart, nor the reverse.
        var unsubscribeToken = unsubscribe[(unsubscribe.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var recoverToken = recover[(recover.LastIndexOf('/') + 1)..];
        await (await browser.GetAsync(ReminderLinks.RecoverPath + unsubscribeToken))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        await (await browser.GetAsync(ReminderLinks.UnsubscribePath + "?token=" + recoverToken))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        await (await browser.GetAsync(ReminderLinks.UnsubscribePath + "?token="))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Empty(await host.EventsAsync(CartActivityTypes.ReminderLinkOpened));
        Assert.Empty(await host.WithDbAsync(db => Task.FromResult(db.Set<Cart.Domain.Reminders.ReminderUnsubscribe>().ToList())));
    }

    [Fact]
    public async Task Links_WhenExpired_Are400InvalidReminderToken()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var message = await OneReminderAsync(host, smtp);
        var browser = host.ClientWithoutRedirects();

        host.Clock.Advance(TimeSpan.FromDays(7));
        await (await browser.GetAsync(message.RecoveryLink())).ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(message.UnsubscribeLink())).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(53));
        await (await browser.GetAsync(message.UnsubscribeLink())).ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
    }

    [Fact]
    public async Task Links_WhenSignedWithAnotherKey_Are400InvalidReminderToken()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var message = await OneReminderAsync(host, smtp);
        var other = Own(ReminderTestHost.NewHost(Database, smtp, new Dictionary<string, string?>
        {
            ["Reminders:LinkSigningKey"] = "another-deployments-reminder-key-0123456789-xyz",
        }));

        await (await other.ClientWithoutRedirects().GetAsync(message.RecoveryLink()))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
    }

    [Theory]
    [InlineData("Production", "")]
    [InlineData("Testing", "too-short-a-key")]
    public async Task Start_WhenTheLinkKeyIsMissingOrShort_FailsNamingTheSetting(string environment, string key)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new CartAppFactory(database, environment, settings: new Dictionary<string, string?>
        {
            ["Reminders:LinkSigningKey"] = key,
        });

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Reminders:LinkSigningKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InDevelopment_HasTheCommittedDevelopmentKey()
    {
        var committed = new ConfigurationBuilder()
            .AddJsonFile(Architecture.SourceTree.PathOf("Cart.Web/appsettings.Development.json")).Build();
        var key = committed["Reminders:LinkSigningKey"];
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var host = new CartAppFactory(database, "Development", testAuth: false,
            settings: new Dictionary<string, string?> { ["Reminders:LinkSigningKey"] = key });

        var links = host.Services.GetRequiredService<ReminderLinks>();
        Assert.Equal("rem_x", links.Verify(LinkPurpose.Recover, links.Sign(LinkPurpose.Recover, "rem_x", TimeSpan.FromHours(1))));
        Assert.StartsWith("dev-only-", key, StringComparison.Ordinal);
    }

    private static async Task<MimeKit.MimeMessage> OneReminderAsync(CartAppFactory host, SmtpCapture smtp)
    {
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();
        return Assert.Single(smtp.To(email));
    }

    /// <summary>The link with one character of its signature changed.</summary>
    private static string Tamper(string link)
    {
        var i = link.Length - 3;
        return link[..i] + (link[i] == 'A' ? 'B' : 'A') + link[(i + 1)..];
    }
}
