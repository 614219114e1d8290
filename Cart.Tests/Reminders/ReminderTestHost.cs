using System.Text.RegularExpressions;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Carts;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Reminders;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cart.Tests.Reminders;

/// <summary>Hosts whose reminders go to an <see cref="SmtpCapture"/>, and what the reminder tests do with them.</summary>
public static partial class ReminderTestHost
{
    public const string CartUrl = "https://shop.test/cart";
    public const string Landings = "/api/v1/reminders/landings";

    public static CartAppFactory NewHost(TestDatabase database, SmtpCapture smtp,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(smtp.Settings)
        {
            ["Storefront:CartUrl"] = CartUrl,
            ["Reminders:PublicBaseUrl"] = "http://localhost",
            ["Reminders:RetryDelay"] = "00:01:00",
            ["Reminders:MaxSendAttempts"] = "3",
            [TestJobs.OnlyTriggered(RemindersJob.Id).Key] = TestJobs.OnlyWhenTriggered,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new CartAppFactory(database, settings: all, services: services);
    }

    /// <summary>One run of the reminders job, as its schedule would start it, to its end.</summary>
    public static async Task RunRemindersAsync(this CartAppFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RemindersJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>A new shopper whose token carries an email address; the client, user id and address.</summary>
    public static (HttpClient Client, string UserId, string Email) NewShopperWithEmail(this CartAppFactory host)
    {
        var userId = ApiFixture.NewUserId();
        var email = $"{userId}@Shoppers.Test";
        return (host.ClientWithToken(TestAuth.Shopper(userId, email, host.Clock.GetUtcNow())), userId, email);
    }

    /// <summary>A client of <paramref name="userId"/> whose token carries <paramref name="email"/>, valid by the host's
    /// clock now (tokens live an hour; tests move the clock further).</summary>
    public static HttpClient ShopperClient(this CartAppFactory host, string userId, string? email) =>
        host.ClientWithToken(TestAuth.Shopper(userId, email, host.Clock.GetUtcNow()));

    /// <summary>A product of the test's own with a name and an image, and tracked stock when <paramref name="onHand"/>
    /// is given.</summary>
    public static async Task<string> NewProductAsync(this CartAppFactory host, string name, decimal price,
        int? onHand = null)
    {
        var sku = $"SG-REM-{Guid.NewGuid():N}"[..30];
        var now = host.Clock.GetUtcNow();
        await host.WithDbAsync(async db =>
        {
            db.Products().Add(new Product(sku, name, $"https://img.shop.test/{sku}.jpg", price, "SGD", true, now));
            if (onHand is { } units)
            {
                db.Stock().Add(new StockItem(sku, units, now));
            }

            await db.SaveChangesAsync();
        });
        return sku;
    }

    public static Task<List<Reminder>> RemindersAsync(this CartAppFactory host) =>
        host.WithDbAsync(db => db.Set<Reminder>().AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Step).ToListAsync());

    public static Task<List<Cart.Domain.Carts.CartEvent>> EventsAsync(this CartAppFactory host, string type) =>
        host.WithDbAsync(db => db.CartEvents().AsNoTracking().Where(e => e.Type == type).OrderBy(e => e.Id).ToListAsync());

    public static string TextOf(this MimeMessage message) => message.TextBody ?? string.Empty;

    public static string HtmlOf(this MimeMessage message) => message.HtmlBody ?? string.Empty;

    /// <summary>The path and query of the link back to the cart in a reminder, as the plain-text body shows it.</summary>
    public static string RecoveryLink(this MimeMessage message) => LinkAfter(message, "Back to your cart: ");

    public static string UnsubscribeLink(this MimeMessage message) => LinkAfter(message, "Unsubscribe: ");

    /// <summary>The landing token the link back to the cart hands the storefront, as a browser following it gets it.</summary>
    public static async Task<string> LandingTokenAsync(this CartAppFactory host, MimeMessage message)
    {
        var follow = await host.ClientWithoutRedirects().GetAsync(message.RecoveryLink());
        Assert.Equal(System.Net.HttpStatusCode.Found, follow.StatusCode);
        var query = QueryHelpers.ParseQuery(follow.Headers.Location!.Query);
        return Assert.Single(query["reminderLanding"].ToArray())!;
    }

    /// <summary>What the shopper's browser and storefront do with the link back to the cart: follow it, then report
    /// the landing with the shopper's own token (<paramref name="storefront"/>).</summary>
    public static async Task FollowAndLandAsync(this CartAppFactory host, MimeMessage message, HttpClient storefront)
    {
        var landing = await host.LandingTokenAsync(message);
        var landed = await storefront.PostJsonAsync(Landings, new { token = landing });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, landed.StatusCode);
    }

    private static string LinkAfter(MimeMessage message, string label)
    {
        var match = Regex.Match(message.TextOf(), Regex.Escape(label) + @"(\S+)");
        Assert.True(match.Success, $"no '{label}' link in: {message.TextOf()}");
        return new Uri(match.Groups[1].Value).PathAndQuery;
    }

    public static (ReminderStatus, int) Attempts(Reminder reminder) => (reminder.Status, reminder.Attempts);

    /// <summary>The email stored for <paramref name="userId"/>, if any.</summary>
    public static Task<string?> StoredEmailAsync(this CartAppFactory host, string userId) =>
        host.WithDbAsync(db => db.Set<ShopperEmail>().AsNoTracking().Where(e => e.UserId == userId)
            .Select(e => e.Email).SingleOrDefaultAsync());
}
