using System.Globalization;
using System.Net;
using System.Text;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Reminders;

namespace Cart.Infrastructure.Reminders;

/// <summary>
/// The reminder email, in HTML and plain text: each line with its name, image and the catalog's price now, a line
/// whose price changed since it was added flagged, a link back to the cart and a one-click unsubscribe. Every value
/// from data (names and image addresses come from the catalog) is HTML-encoded.
/// </summary>
public static class ReminderEmailComposer
{
    public static EmailMessage Compose(Reminder reminder, IReadOnlyList<CartContentLine> lines,
        IReadOnlyDictionary<string, ProductInfo> products, string currency, Uri recoveryUrl, Uri unsubscribeUrl)
    {
        var subject = reminder.Step == 1 ? "You left something in your cart" : "Your cart is still waiting for you";
        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append("<h1>").Append(Encode(subject)).Append("</h1>")
            .Append("<table cellpadding=\"6\">");
        text.Append(subject).Append("\n\n");
        foreach (var line in lines)
        {
            var product = products.GetValueOrDefault(line.Sku);
            var name = product?.Name ?? line.Sku;
            var price = product?.Price ?? line.UnitPrice;
            var changed = price != line.UnitPrice;
            var priceText = Money(price, currency);
            html.Append("<tr>");
            html.Append("<td>");
            if (ImageUrl(product?.ImageUrl) is { } image)
            {
                html.Append("<img src=\"").Append(Encode(image)).Append("\" alt=\"").Append(Encode(name))
                    .Append("\" width=\"80\">");
            }

            html.Append("</td><td>").Append(Encode(name)).Append(" × ")
                .Append(line.Quantity.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(Encode(priceText));
            text.Append("- ").Append(name).Append(" × ").Append(line.Quantity.ToString(CultureInfo.InvariantCulture))
                .Append(": ").Append(priceText);
            if (changed)
            {
                var was = Money(line.UnitPrice, currency);
                html.Append(" <strong>(price changed, was ").Append(Encode(was)).Append(")</strong>");
                text.Append(" (price changed, was ").Append(was).Append(')');
            }

            html.Append("</td></tr>");
            text.Append('\n');
        }

        var recover = recoveryUrl.AbsoluteUri;
        var unsubscribe = unsubscribeUrl.AbsoluteUri;
        html.Append("</table>")
            .Append("<p><a href=\"").Append(Encode(recover)).Append("\">Back to your cart</a></p>")
            .Append("<p style=\"font-size:small\">Don't want these emails? <a href=\"").Append(Encode(unsubscribe))
            .Append("\">Unsubscribe</a>.</p></body></html>");
        text.Append("\nBack to your cart: ").Append(recover)
            .Append("\n\nDon't want these emails? Unsubscribe: ").Append(unsubscribe).Append('\n');
        return new EmailMessage(reminder.Email, subject, html.ToString(), text.ToString(), unsubscribeUrl);
    }

    /// <summary>The amount in the currency's units without trailing zeros, as the API shows money: "29.99 SGD".</summary>
    public static string Money(decimal amount, string currency) =>
        amount.ToString("0.####", CultureInfo.InvariantCulture) + " " + currency;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    /// <summary>Only an absolute http(s) address goes into an img tag (no javascript:, no data:).</summary>
    private static string? ImageUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
