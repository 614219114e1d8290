using System.Net.Sockets;
using Cart.Domain.Reminders;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Email;

/// <summary>
/// Sends through the SMTP server of <c>Email:Smtp</c> with MailKit, one connection per message (reminders go out a
/// few at a time; a pooled connection is not worth its failure modes). A failure before the message was handed over
/// (no connection, TLS or login refused, a command refused) is <see cref="EmailNotSentException"/>; the server
/// refusing the message itself is too. A connection lost during the hand-over is left as it is: the outcome is
/// unknown, and the caller must not send again.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;
        var mime = MimeMessages.From(message, options.Value.From, clock.GetUtcNow());
        using var client = new SmtpClient();
        client.Timeout = (int)settings.Timeout.TotalMilliseconds;
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or SslHandshakeException or AuthenticationException
                                      or SmtpCommandException or SmtpProtocolException or TimeoutException)
        {
            throw new EmailNotSentException($"Could not open an SMTP session with {settings.Host}:{settings.Port}.", e);
        }

        try
        {
            await client.SendAsync(mime, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            // The server answered, and its answer was no (sender, recipient or the message refused): nothing was accepted.
            throw new EmailNotSentException($"The SMTP server refused the message: {e.StatusCode} {e.Message}", e);
        }

        await client.DisconnectAsync(true, CancellationToken.None);
    }
}
