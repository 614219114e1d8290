using Cart.Domain.Reminders;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Email;

/// <summary>
/// The no-setup delivery: each message becomes an <c>.eml</c> file (MimeKit's own writer) in
/// <see cref="EmailOptions.PickupDirectory"/>, to open in any mail program. Written to a temporary name and moved
/// into place, so a reader never sees half a message.
/// </summary>
internal sealed class PickupDirectoryEmailSender(IOptions<EmailOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mime = MimeMessages.From(message, options.Value.From, now);
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        string path;
        try
        {
            Directory.CreateDirectory(directory);
            path = Path.Combine(directory, $"{now:yyyyMMddTHHmmss}-{Guid.NewGuid():N}.eml");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmailNotSentException($"Cannot write to {directory}.", e);
        }

        var partial = path + ".tmp";
        try
        {
            await mime.WriteToAsync(partial, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            throw new EmailNotSentException($"Cannot write {partial}.", e);
        }

        File.Move(partial, path);
    }
}
