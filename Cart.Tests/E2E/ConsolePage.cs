using Cart.Tests.Fixtures;
using Microsoft.Playwright;

namespace Cart.Tests.E2E;

/// <summary>
/// One browser context on a test host's console: its page, and every complaint the browser had on the way (console
/// errors, refused resources, responses of 400 and above), for a test to assert none.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _complaints = [];

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _complaints.Add(message.Text);
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                _complaints.Add($"{r.Status} {r.Url}");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Complaints => _complaints;

    /// <summary>A new page on <paramref name="host"/> (started on Kestrel), not signed in.</summary>
    public static async Task<ConsolePage> OpenAsync(ConsoleBrowser chromium, CartAppFactory host)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.ClientOptions.BaseAddress.ToString(),
        });
        return new ConsolePage(context, await context.NewPageAsync());
    }

    /// <summary>A new page signed in through the real form as <paramref name="email"/> (password <see cref="TestStaff.Password"/>),
    /// on the console's home page once its live circuit is up.</summary>
    public static async Task<ConsolePage> SignedInAsync(ConsoleBrowser chromium, CartAppFactory host, string email)
    {
        var console = await OpenAsync(chromium, host);
        await console.SignInAsync(email);
        return console;
    }

    /// <summary>Signs in through the form on <c>/admin/sign-in</c> and waits for the home page.</summary>
    public async Task SignInAsync(string email)
    {
        await Page.GotoAsync("/admin/sign-in");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(TestStaff.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByText($"Signed in as {email}")).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
