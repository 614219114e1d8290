using System.Net.Sockets;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Resilience;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Cart.Infrastructure.Email;

/// <summary>
/// Sends through the SMTP server of <c>Email:Smtp</c> with MailKit, one connection per message (reminders go out a
/// few at a time; a pooled connection is not worth its failure modes). A failure before the message was handed over
/// (no connection, TLS or login refused, a command refused) is <see cref="EmailNotSentException"/>; the server
/// refusing the message itself is too. A connection lost during the hand-over is left as it is: the outcome is
/// unknown, and the caller must not send again. Opening the session goes through the SMTP pipeline
/// (<see cref="ResiliencePipelines.Smtp"/>): while its breaker is open, nothing is tried and the message is not sent.
/// </summary>
internal sealed class SmtpEmailSender(
    IOptions<EmailOptions> options,
    TimeProvider clock,
    [FromKeyedServices(ResiliencePipelines.Smtp)] ResiliencePipeline pipeline) : IEmailSender
{
    /// <summary>The SMTP server could not be reached or would not open a session: no message was handed over.</summary>
    public static bool IsSessionFailure(Exception e) => DependencyFailures.IsSmtpSessionFailure(e);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;
        var mime = MimeMessages.From(message, options.Value.From, clock.GetUtcNow());
        using var client = new SmtpClient();
        client.Timeout = (int)settings.Timeout.TotalMilliseconds;
        try
        {
            await pipeline.ExecuteAsync(static async (args, ct) =>
            {
                await args.client.ConnectAsync(args.settings.Host, args.settings.Port, args.settings.Security, ct);
                if (!string.IsNullOrEmpty(args.settings.UserName))
                {
                    await args.client.AuthenticateAsync(args.settings.UserName, args.settings.Password ?? string.Empty,
                        ct);
                }
            }, (client, settings), cancellationToken);
        }
        catch (Exception e) when (IsSessionFailure(e))
        {
            throw new EmailNotSentException($"Could not open an SMTP session with {settings.Host}:{settings.Port}.", e);
        }
        catch (BrokenCircuitException e)
        {
            throw new EmailNotSentException(
                $"Not tried: the SMTP server {settings.Host}:{settings.Port} could not be reached lately.", e);
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
