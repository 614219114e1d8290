using System.Security.Claims;
using System.Text.RegularExpressions;
using Cart.Tests.Fixtures;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cart.Tests.Admin.Users;

/// <summary>A test host whose emails land in a pickup folder of its own, and the staff-administration calls a
/// test makes on it as a given staff member.</summary>
internal sealed partial class StaffUsersHost
{
    public const string PublicBaseUrl = "https://cart.example.test";

    private StaffUsersHost(CartAppFactory host, string mailFolder)
    {
        Host = host;
        MailFolder = mailFolder;
    }

    public CartAppFactory Host { get; }

    public string MailFolder { get; }

    public static StaffUsersHost Create(TestDatabase database, Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cart-tests", "invitations-" + Guid.NewGuid().ToString("N"));
        var host = new CartAppFactory(database, settings: new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = folder,
            ["Reminders:PublicBaseUrl"] = PublicBaseUrl,
        }, services: services);
        return new StaffUsersHost(host, folder);
    }

    /// <summary>The session a sign-in of <paramref name="email"/> would carry now.</summary>
    public Task<ClaimsPrincipal> SessionAsync(string email) => Host.SessionOfAsync(email);

    /// <summary>Runs the console action as <paramref name="actor"/>'s session (a sign-in now would carry).</summary>
    public async Task<ConsoleResult<T>> AdministerAsync<T>(string actor, IConsoleAction<T> action) =>
        await Host.RunAsync(await SessionAsync(actor), action);

    /// <summary>Runs the console action as <paramref name="session"/>.</summary>
    public Task<ConsoleResult<T>> AdministerAsync<T>(ClaimsPrincipal session, IConsoleAction<T> action) =>
        Host.RunAsync(session, action);

    public async Task<IdentityUser?> FindAsync(string email)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email);
    }

    /// <summary>The invitation links emailed to <paramref name="email"/> so far, oldest first.</summary>
    public Task<IReadOnlyList<Uri>> LinksToAsync(string email) => LinksInAsync(MailFolder, email);

    /// <summary>The invitation links to <paramref name="email"/> among the <c>.eml</c> files in <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<Uri>> LinksInAsync(string folder, string email)
    {
        var links = new List<Uri>();
        if (!Directory.Exists(folder))
        {
            return links;
        }

        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase)))
            {
                links.Add(new Uri(Link().Match(message.TextBody ?? "").Value));
            }
        }

        return links;
    }

    /// <summary>Posts the invitation page's form at <paramref name="link"/> (path and query) as a browser would.</summary>
    public static async Task<HttpResponseMessage> AcceptAsync(HttpClient client, Uri link, string password,
        string? confirm = null)
    {
        var page = link.PathAndQuery;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(page),
            ["_handler"] = "accept-invitation",
            ["Form.Password"] = password,
            ["Form.Confirm"] = confirm ?? password,
        };
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex(@"https?://\S+/admin/invitation\?\S+")]
    private static partial Regex Link();
}
