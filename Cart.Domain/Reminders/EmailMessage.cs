namespace Cart.Domain.Reminders;

/// <summary>
/// One email to one recipient, in HTML and plain text. <paramref name="UnsubscribeUrl"/>, when given, goes into the
/// List-Unsubscribe and List-Unsubscribe-Post headers (RFC 8058), so mail clients offer a one-click unsubscribe.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Html, string Text, Uri? UnsubscribeUrl = null);

/// <summary>The email port: sends a message, or says for certain that it did not.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Sends <paramref name="message"/>. Throws <see cref="EmailNotSentException"/> when the message certainly did not
    /// leave (the server could not be reached, or refused it): safe to try again. Any other exception means the
    /// outcome is unknown (the connection broke while the message was being handed over).
    /// </summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>The message certainly was not sent; trying again cannot deliver it twice.</summary>
public sealed class EmailNotSentException(string message, Exception? inner = null) : Exception(message, inner);
