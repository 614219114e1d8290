using System.Text.Encodings.Web;

namespace Cart.Web.Reminders;

/// <summary>
/// The unsubscribe link's two pages. Plain HTML with nothing to load and no script or style: the <c>/api</c> pages'
/// Content-Security-Policy (<c>default-src 'none'</c>) allows neither, and a form needs neither.
/// </summary>
internal static class UnsubscribePages
{
    /// <summary>
    /// What a GET of the link answers: what the button does, and the button, a form that POSTs to the same signed link
    /// with the body a mail program's one-click unsubscribe sends (RFC 8058). The action is relative (<c>?token=</c>),
    /// so it goes back to the very address the page came from, whatever proxy is in front.
    /// </summary>
    public static string Confirm(string token) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Unsubscribe from cart reminders</title></head>
        <body>
        <h1>Unsubscribe from cart reminders?</h1>
        <p>We will stop emailing you about carts you leave. Nothing changes until you press the button.</p>
        <form method="post" action="?token={HtmlEncoder.Default.Encode(Uri.EscapeDataString(token))}">
        <input type="hidden" name="List-Unsubscribe" value="One-Click">
        <button type="submit">Unsubscribe</button>
        </form>
        </body>
        </html>
        """;

    /// <summary>What the POST answers: static, so it carries nothing from the request.</summary>
    public const string Done = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Unsubscribed</title></head>
        <body>
        <h1>You are unsubscribed</h1>
        <p>We will not send you any more reminders about your cart.</p>
        </body>
        </html>
        """;
}
