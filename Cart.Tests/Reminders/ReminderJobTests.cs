using System.Net;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Reminders;

/// <summary>
/// The reminders job end to end: carts changed through the API, the clock moved, the job run, and the emails as a
/// real SMTP server received them. Each test has a database of its own: the job looks at every cart in it.
/// </summary>
public abstract class ReminderJobTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;
    private SmtpCapture? _smtp;

    protected TestDatabase Database => _database!;

    protected SmtpCapture Smtp => _smtp!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _smtp = await SmtpCapture.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reminder_WhenTheCartIsIdleForTheFirstDelay_ArrivesWithItsLinesPricesAndWorkingLinks()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var tea = await host.NewProductAsync("<b>Tea & Cups</b>", 10m);
        var lamp = await host.NewProductAsync("Desk lamp", 20m);
        var (client, userId, email) = host.NewShopperWithEmail();
        await client.AddAsync(tea, 2);
        var cart = await client.AddAsync(lamp, 1);
        await host.SetPriceAsync(lamp, 25m);

        host.Clock.Advance(TimeSpan.FromMinutes(59));
        await host.RunRemindersAsync();
        Assert.Empty(Smtp.Received); // not idle long enough yet
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.RunRemindersAsync();

        var message = Assert.Single(Smtp.To(email));
        var html = message.HtmlOf();
        var text = message.TextOf();
        Assert.Contains("&lt;b&gt;Tea &amp; Cups&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Tea", html, StringComparison.Ordinal);
        Assert.Contains($"https://img.shop.test/{tea}.jpg", html, StringComparison.Ordinal);
        Assert.Contains("10 SGD", html, StringComparison.Ordinal);
        Assert.Contains("25 SGD <strong>(price changed, was 20 SGD)</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<b>Tea & Cups</b> × 2: 10 SGD\n", text, StringComparison.Ordinal);
        Assert.Contains("Desk lamp × 1: 25 SGD (price changed, was 20 SGD)", text, StringComparison.Ordinal);
        Assert.StartsWith("<http://localhost/api/v1/reminders/unsubscribe?token=", message.Headers["List-Unsubscribe"],
            StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);

        var reminder = Assert.Single(await host.RemindersAsync());
        Assert.Equal((ReminderStatus.Sent, 1, cart.Version()), (reminder.Status, reminder.Step, reminder.CartVersion));
        var sent = Assert.Single(await host.EventsAsync(CartActivityTypes.ReminderSent));
        Assert.Equal((cart.CartId(), 1, reminder.Id, ActorKind.Job, "reminders"),
            (sent.CartId, sent.Quantity, sent.Detail, sent.ActorKind, sent.ActorId));

        var browser = host.ClientWithoutRedirects();
        var follow = await browser.GetAsync(message.RecoveryLink());
        Assert.Equal(HttpStatusCode.Found, follow.StatusCode);
        Assert.StartsWith($"{ReminderTestHost.CartUrl}?cartId={cart.CartId()}&reminderLanding=",
            follow.Headers.Location?.ToString(), StringComparison.Ordinal);
        await host.FollowAndLandAsync(message, host.ShopperClient(userId, email));
        await host.FollowAndLandAsync(message, host.ShopperClient(userId, email));
        var opened = Assert.Single(await host.EventsAsync(CartActivityTypes.ReminderLinkOpened));
        Assert.Equal((cart.CartId(), reminder.Id), (opened.CartId, opened.Detail));

        var confirm = await browser.GetAsync(message.UnsubscribeLink());
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("text/html", confirm.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", confirm.Headers.GetValues("X-Content-Type-Options").Single());
        var unsubscribe = await browser.PostAsync(message.UnsubscribeLink(),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);
        Assert.Equal("text/html", unsubscribe.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unsubscribed", await unsubscribe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(email.ToLowerInvariant(),
            (await host.WithDbAsync(db => db.Set<ReminderUnsubscribe>().AsNoTracking().SingleAsync())).Email);
        Assert.Equal(userId, reminder.OwnerId);
    }

    [Fact]
    public async Task Reminder_WhenTheJobRunsAgainAndADayPasses_SendsEachStepOnceAndNoMore()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();
        await host.RunRemindersAsync();
        Assert.Single(Smtp.To(email));

        host.Clock.Advance(TimeSpan.FromHours(22));
        await host.RunRemindersAsync();
        Assert.Single(Smtp.To(email)); // 23 hours idle: the second waits for 24

        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.RunRemindersAsync();
        await host.RunRemindersAsync();
        host.Clock.Advance(TimeSpan.FromDays(3));
        await host.RunRemindersAsync();

        Assert.Equal(2, Smtp.To(email).Count);
        Assert.Equal([1, 2], (await host.RemindersAsync()).Select(r => r.Step));
        Assert.Equal("Your cart is still waiting for you", Smtp.To(email)[1].Subject);
    }

    [Fact]
    public async Task Reminder_WhenTheCartChangesAfterOne_StartsANewIdlePeriod()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, userId, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();

        await host.ShopperClient(userId, email).AddAsync(sku, 1);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();

        Assert.Equal(2, Smtp.To(email).Count);
        Assert.Equal([1, 1], (await host.RemindersAsync()).Select(r => r.Step));
    }

    [Fact]
    public async Task Reminder_AfterTheShopperUnsubscribed_IsNotSent()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, userId, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();
        var first = Assert.Single(Smtp.To(email));

        // The mail client's one-click unsubscribe (RFC 8058), twice: idempotent.
        var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var browser = host.ClientWithoutRedirects();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(first.UnsubscribeLink(), oneClick)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(first.UnsubscribeLink())).StatusCode);
        await host.ShopperClient(userId, email).AddAsync(sku, 1); // a new idle period
        host.Clock.Advance(TimeSpan.FromDays(2));
        await host.RunRemindersAsync();

        Assert.Single(Smtp.To(email));
    }

    [Fact]
    public async Task Reminder_AfterCheckout_IsNotSent()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        await (await client.SendAsync(CartApi.CheckoutRequest("checkout-1"))).ExpectAsync(HttpStatusCode.Created);

        host.Clock.Advance(TimeSpan.FromDays(2));
        await host.RunRemindersAsync();

        Assert.Empty(Smtp.To(email));
    }

    [Fact]
    public async Task Reminder_WhenEveryLineIsOutOfStock_IsNotSent()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var last = await host.NewProductAsync("The last one", 5m, onHand: 1);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(last, 1);
        await SellTheLastUnitToSomeoneElseAsync(host, last);

        host.Clock.Advance(TimeSpan.FromMinutes(45));
        await host.RunRemindersAsync();

        Assert.Empty(Smtp.To(email));
        Assert.Equal(ReminderStatus.Skipped, Assert.Single(await host.RemindersAsync()).Status);
    }

    [Fact]
    public async Task Reminder_WhenOneLineIsOutOfStockButAnotherIsUntracked_IsSent()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var last = await host.NewProductAsync("The last one", 5m, onHand: 1);
        var untracked = await host.NewProductAsync("Always there", 5m);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(last, 1);
        await client.AddAsync(untracked, 1);
        await SellTheLastUnitToSomeoneElseAsync(host, last);

        host.Clock.Advance(TimeSpan.FromMinutes(45));
        await host.RunRemindersAsync();

        Assert.Single(Smtp.To(email));
    }

    [Fact]
    public async Task Reminder_ForAGuestOrAShopperWithoutEmail_IsNotSent()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (guest, _, _) = await host.NewGuestAsync();
        var (shopper, _) = host.NewShopper();
        await guest.AddAsync(sku, 1);
        await shopper.AddAsync(sku, 1);

        host.Clock.Advance(TimeSpan.FromDays(2));
        await host.RunRemindersAsync();

        Assert.Empty(Smtp.Received);
        Assert.Empty(await host.RemindersAsync());
    }

    [Fact]
    public async Task ShopperEmail_WhenOnlyRead_IsNotStored_AndAWriteStoresTheLatest()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var userId = ApiFixture.NewUserId();
        var first = host.ClientWithToken(TestAuth.Shopper(userId, "First@Shoppers.Test", host.Clock.GetUtcNow()));
        var second = host.ClientWithToken(TestAuth.Shopper(userId, "second@shoppers.test", host.Clock.GetUtcNow()));

        await first.GetCartAsync();
        Assert.Null(await host.StoredEmailAsync(userId));
        await first.AddAsync(sku, 1);
        Assert.Equal("first@shoppers.test", await host.StoredEmailAsync(userId));
        await second.AddAsync(sku, 1);
        Assert.Equal("second@shoppers.test", await host.StoredEmailAsync(userId));
    }

    [Fact]
    public async Task Reminder_WhenTheSmtpServerRefuses_IsRetriedWithBackOffThenSentOnce()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        Smtp.RefuseNext = 2;

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync(); // attempt 1 refused; the next in 1 minute
        await host.RunRemindersAsync(); // not due yet
        Assert.Equal((ReminderStatus.Pending, 1), ReminderTestHost.Attempts(Assert.Single(await host.RemindersAsync())));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.RunRemindersAsync(); // attempt 2 refused; the next in 2 minutes
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.RunRemindersAsync(); // not due yet
        Assert.Equal((ReminderStatus.Pending, 2), ReminderTestHost.Attempts(Assert.Single(await host.RemindersAsync())));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.RunRemindersAsync();

        Assert.Equal(2, Smtp.Refused);
        Assert.Single(Smtp.To(email));
        Assert.Equal((ReminderStatus.Sent, 3), ReminderTestHost.Attempts(Assert.Single(await host.RemindersAsync())));
        Assert.Single(await host.EventsAsync(CartActivityTypes.ReminderSent));
    }

    [Fact]
    public async Task Reminder_WhenEveryAttemptIsRefused_IsMarkedFailedAfterTheLast()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        Smtp.RefuseNext = 100;

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        for (var run = 0; run < 6; run++)
        {
            await host.RunRemindersAsync();
            host.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(3, Smtp.Refused); // Reminders:MaxSendAttempts
        Assert.Empty(Smtp.To(email));
        Assert.Equal((ReminderStatus.Failed, 3), ReminderTestHost.Attempts(Assert.Single(await host.RemindersAsync())));
    }

    [Fact]
    public async Task Reminder_WhenNoServerListens_IsRetriedLater()
    {
        var closedPort = new Dictionary<string, string?> { ["Email:Smtp:Port"] = "1" };
        await using var host = ReminderTestHost.NewHost(Database, Smtp, closedPort);
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, _, _) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();

        var reminder = Assert.Single(await host.RemindersAsync());
        Assert.Equal((ReminderStatus.Pending, 1), ReminderTestHost.Attempts(reminder));
        // SQLite keeps times to the millisecond.
        var expected = host.Clock.GetUtcNow().AddMinutes(1);
        Assert.InRange(reminder.NextAttemptAt, expected.AddMilliseconds(-1), expected);
    }

    [Fact]
    public async Task Checkout_AfterAFollowedReminder_IsRecordedAsRecoveredOnceWithItsRevenue()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 12.5m);
        var (client, userId, email) = host.NewShopperWithEmail();
        var cart = await client.AddAsync(sku, 2);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();
        var message = Assert.Single(Smtp.To(email));
        await host.FollowAndLandAsync(message, host.ShopperClient(userId, email));
        host.Clock.Advance(TimeSpan.FromHours(2));
        var order = await (await host.ShopperClient(userId, email).SendAsync(CartApi.CheckoutRequest("after-reminder")))
            .ExpectAsync(HttpStatusCode.Created);

        await host.RunRemindersAsync();
        await host.RunRemindersAsync();

        var orderId = order.GetProperty("orderId").GetString();
        var recovered = Assert.Single(await host.EventsAsync(CartActivityTypes.CartRecovered));
        Assert.Equal((cart.CartId(), orderId, 1), (recovered.CartId, recovered.Detail, recovered.Quantity));
        var credit = await host.WithDbAsync(db => db.Set<ReminderRecovery>().AsNoTracking().SingleAsync());
        Assert.Equal((orderId, 25m, "SGD"), (credit.OrderId, credit.Revenue, credit.Currency));
    }

    [Fact]
    public async Task Checkout_AfterAReminderWhoseLinkWasNotFollowed_IsNotRecovered()
    {
        await using var host = ReminderTestHost.NewHost(Database, Smtp);
        var sku = await host.NewProductAsync("Mug", 12.5m);
        var (client, userId, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 2);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.RunRemindersAsync();
        Assert.Single(Smtp.To(email));
        await (await host.ShopperClient(userId, email).SendAsync(CartApi.CheckoutRequest("on-its-own")))
            .ExpectAsync(HttpStatusCode.Created);

        await host.RunRemindersAsync();

        Assert.Empty(await host.EventsAsync(CartActivityTypes.CartRecovered));
    }

    [Fact]
    public async Task Reminder_WhenTheCatalogFailsWhileTheEmailIsComposed_IsTriedAgainOnTheNextRun()
    {
        var catalog = new FailingCatalogSwitch();
        await using var host = ReminderTestHost.NewHost(Database, Smtp, services: services =>
            services.AddScoped<IProductCatalog>(sp =>
                new SwitchableCatalog(sp.GetRequiredService<CachedProductCatalog>(), catalog)));
        var sku = await host.NewProductAsync("Mug", 5m);
        var (client, _, email) = host.NewShopperWithEmail();
        await client.AddAsync(sku, 1);
        catalog.Failing = true;

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(host.RunRemindersAsync);
        Assert.Equal((ReminderStatus.Pending, 1), ReminderTestHost.Attempts(Assert.Single(await host.RemindersAsync())));
        catalog.Failing = false;
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.RunRemindersAsync();

        Assert.Single(Smtp.To(email));
        Assert.Equal((ReminderStatus.Sent, 2), ReminderTestHost.Attempts(Assert.Single(await host.RemindersAsync())));
    }


    /// <summary>The shopper's hold of <paramref name="sku"/> lapses, and another shopper buys its last unit.</summary>
    private static async Task SellTheLastUnitToSomeoneElseAsync(CartAppFactory host, string sku)
    {
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        var (other, _) = host.NewShopper();
        await other.AddAsync(sku, 1);
        await (await other.SendAsync(CartApi.CheckoutRequest("buy-last"))).ExpectAsync(HttpStatusCode.Created);
    }
}

public sealed class SqliteReminderJobTests() : ReminderJobTests(DatabaseProvider.Sqlite);

public sealed class PostgresReminderJobTests() : ReminderJobTests(DatabaseProvider.PostgreSql);
