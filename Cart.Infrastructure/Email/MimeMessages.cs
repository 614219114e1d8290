using Cart.Domain.Reminders;
using MimeKit;

namespace Cart.Infrastructure.Email;

/// <summary>An <see cref="EmailMessage"/> as MIME: multipart/alternative (text, then HTML), with the one-click
/// unsubscribe headers of RFC 8058 when the message has an unsubscribe URL.</summary>
internal static class MimeMessages
{
    public static MimeMessage From(EmailMessage message, string from, DateTimeOffset now)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = now };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return mime;
    }
}
