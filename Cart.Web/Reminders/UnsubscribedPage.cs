namespace Cart.Web.Reminders;

/// <summary>The page an unsubscribe answers with: static, so it carries nothing from the request.</summary>
internal static class UnsubscribedPage
{
    public const string Html = """
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
