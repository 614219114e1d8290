using System.Net;
using System.Text.RegularExpressions;
using Cart.Domain.Carts;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Reminders;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Reminders;

/// <summary>
/// Mail scanners fetch every link of a message before the shopper sees it: a GET of either link changes nothing. The
/// unsubscribe is a POST (the confirmation page's button, or the mail program's RFC 8058 one-click); a click back to
/// the cart counts only when the shopper's own signed-in storefront reports the landing.
/// </summary>
public sealed partial class ReminderLinkPrefetchTests : OwnHostsTest
{
    private const string Code = "invalid_reminder_token";
    private const string Landings = ReminderTestHost.Landings;

    [Fact]
    public async Task Unsubscribe_WhenFetchedWithGet_ChangesNothingAndAnswersAPageWithOnePostForm()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var (message, _, _) = await OneReminderAsync(host, smtp);
        var scanner = host.ClientWithoutRedirects();

        var first = await scanner.GetAsync(message.UnsubscribeLink());
        var again = await scanner.GetAsync(message.UnsubscribeLink());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        var page = await first.Content.ReadAsStringAsync();
        var form = Assert.Single(FormPattern().Matches(page));
        Assert.Equal(message.UnsubscribeLink(), Resolve(message.UnsubscribeLink(), form.Groups["action"].Value));
        Assert.Contains("""<input type="hidden" name="List-Unsubscribe" value="One-Click">""", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", first.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Empty(await UnsubscribesAsync(host));
    }

    [Fact]
    public async Task Unsubscribe_WhenTheConfirmationFormIsPosted_UnsubscribesOnce()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var (message, userId, email) = await OneReminderAsync(host, smtp);
        var browser = host.ClientWithoutRedirects();
        var page = await (await browser.GetAsync(message.UnsubscribeLink())).Content.ReadAsStringAsync();
        var action = Resolve(message.UnsubscribeLink(), FormPattern().Match(page).Groups["action"].Value);

        var posted = await browser.PostAsync(action, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var twice = await browser.PostAsync(action, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("You are unsubscribed", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(email.ToLowerInvariant(), Assert.Single(await UnsubscribesAsync(host)).Email);
        await host.ShopperClient(userId, email).AddAsync(await host.NewProductAsync("Cup", 3m), 1);
        host.Clock.Advance(TimeSpan.FromDays(2));
        await host.RunRemindersAsync();
        Assert.Single(smtp.To(email));
    }

    [Fact]
    public async Task Unsubscribe_WhenPostedWithABadToken_Is400AndChangesNothing()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var (message, _, _) = await OneReminderAsync(host, smtp);
        var browser = host.ClientWithoutRedirects();
        var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);

        await (await browser.PostAsync(message.UnsubscribeLink()[..^3] + "AAA", oneClick))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        host.Clock.Advance(TimeSpan.FromDays(61));
        await (await browser.PostAsync(message.UnsubscribeLink(), oneClick)).ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        await (await browser.GetAsync(message.UnsubscribeLink())).ExpectProblemAsync(HttpStatusCode.BadRequest, Code);

        Assert.Empty(await UnsubscribesAsync(host));
    }

    [Fact]
    public async Task RecoveryLink_WhenFetchedWithGet_RecordsNoClickAndRedirectsWithALandingToken()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var (message, _, _) = await OneReminderAsync(host, smtp);
        var scanner = host.ClientWithoutRedirects();

        var first = await scanner.GetAsync(message.RecoveryLink());
        var again = await scanner.GetAsync(message.RecoveryLink());

        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        var reminder = Assert.Single(await host.RemindersAsync());
        var location = first.Headers.Location!;
        Assert.StartsWith($"{ReminderTestHost.CartUrl}?cartId={reminder.CartId}&reminderLanding=", location.ToString(),
            StringComparison.Ordinal);
        Assert.Null(reminder.LinkOpenedAt);
        Assert.Empty(await host.EventsAsync(CartActivityTypes.ReminderLinkOpened));
    }

    [Fact]
    public async Task Landing_WhenTheShopperReportsItTwice_RecordsExactlyOneClick()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var (message, userId, email) = await OneReminderAsync(host, smtp);
        var landing = await host.LandingTokenAsync(message);
        var storefront = host.ShopperClient(userId, email);

        var landed = await storefront.PostJsonAsync(Landings, new { token = landing });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var twice = await storefront.PostJsonAsync(Landings, new { token = landing });

        Assert.Equal(HttpStatusCode.NoContent, landed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, twice.StatusCode);
        var reminder = Assert.Single(await host.RemindersAsync());
        var opened = Assert.Single(await host.EventsAsync(CartActivityTypes.ReminderLinkOpened));
        Assert.Equal((reminder.CartId, reminder.Id, ActorKind.Shopper, Cart.Domain.Common.CartOwner.User(userId).Key),
            (opened.CartId, opened.Detail, opened.ActorKind, opened.ActorId));
        Assert.Equal(host.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds(), reminder.LinkOpenedAt?.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Landing_WhenNotReportedByTheRemindersOwnShopper_RecordsNothing()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var (message, userId, email) = await OneReminderAsync(host, smtp);
        var landing = await host.LandingTokenAsync(message);
        var recoveryToken = message.RecoveryLink()[(message.RecoveryLink().LastIndexOf('/') + 1)..];
        var body = new { token = landing };

        // A scanner's sandbox that runs the storefront's page has no shopper session: no token, a guest's, another's.
        await (await host.ClientWithoutRedirects().PostJsonAsync(Landings, body))
            .ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        var guest = (await (await host.ClientWithoutRedirects().PostAsync(CartApi.GuestSessions, null))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("token").GetString()!;
        await (await host.ClientWithToken(guest).PostJsonAsync(Landings, body))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await host.NewShopper().Client.PostJsonAsync(Landings, body))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        // Only a landing token lands: not the email's own token, not a tampered one, not an expired one.
        var shopper = host.ShopperClient(userId, email);
        await (await shopper.PostJsonAsync(Landings, new { token = recoveryToken }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        await (await shopper.PostJsonAsync(Landings, new { token = landing[..^3] + "AAA" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, Code);
        await (await shopper.PostJsonAsync(Landings, new { })).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        host.Clock.Advance(TimeSpan.FromHours(1));
        await (await host.ShopperClient(userId, email).PostJsonAsync(Landings, body))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, Code);

        Assert.Null(Assert.Single(await host.RemindersAsync()).LinkOpenedAt);
        Assert.Empty(await host.EventsAsync(CartActivityTypes.ReminderLinkOpened));
    }

    [Fact]
    public async Task Checkout_AfterOnlyAScannerFetchedTheLink_IsNotRecovered()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var host = Own(ReminderTestHost.NewHost(Database, smtp));
        var (message, userId, email) = await OneReminderAsync(host, smtp);
        // The scanner follows the redirect too: the storefront's page answers it, and it holds no shopper session.
        await host.ClientWithoutRedirects().GetAsync(message.RecoveryLink());
        host.Clock.Advance(TimeSpan.FromHours(2));
        await (await host.ShopperClient(userId, email).SendAsync(CartApi.CheckoutRequest("after-scan")))
            .ExpectAsync(HttpStatusCode.Created);

        await host.RunRemindersAsync();

        Assert.Empty(await host.EventsAsync(CartActivityTypes.CartRecovered));
        Assert.Empty(await host.WithDbAsync(db => db.Set<ReminderRecovery>().AsNoTracking().ToListAsync()));
    }

    private static async Task<(MimeKit.MimeMessage Message, string UserId, string Email)> OneReminderAsync(
        CartAppFactory host, SmtpCapture smtp)
    {
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, userId, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();
        return (Assert.Single(smtp.To(email)), userId, email);
    }

    /// <summary>Where a browser on <paramref name="page"/> sends a form whose action attribute is <paramref name="action"/>.</summary>
    private static string Resolve(string page, string action) =>
        new Uri(new Uri(new Uri("http://localhost"), page), WebUtility.HtmlDecode(action)).PathAndQuery;

    private static Task<List<ReminderUnsubscribe>> UnsubscribesAsync(CartAppFactory host) =>
        host.WithDbAsync(db => db.Set<ReminderUnsubscribe>().AsNoTracking().ToListAsync());

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]+)">""")]
    private static partial Regex FormPattern();
}
