using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Cart.Infrastructure.Email;

/// <summary>How email leaves the service: SMTP, or (the no-setup default) <c>.eml</c> files in a folder.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;

    /// <summary>The From of every message: <c>Cart &lt;reminders@shop.example&gt;</c> or a bare address.</summary>
    [Required]
    [StringLength(320, MinimumLength = 3)]
    public string From { get; set; } = "Cart <reminders@cart.localhost>";

    /// <summary>With <see cref="EmailDelivery.Pickup"/>: the folder the messages are written to (relative to the
    /// working directory), one <c>.eml</c> file each.</summary>
    [Required]
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpSettings Smtp { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Email:From '{From}' is not an address.", [nameof(From)]);
        }

        if (Delivery != EmailDelivery.Smtp)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return new ValidationResult("Email:Smtp:Host is required when Email:Delivery is Smtp.", ["Smtp.Host"]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Email:Smtp:Port is 1 to 65535.", ["Smtp.Port"]);
        }

        if (Smtp.Timeout < TimeSpan.FromSeconds(1) || Smtp.Timeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Email:Smtp:Timeout is 1 second to 5 minutes.", ["Smtp.Timeout"]);
        }

        if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
        {
            yield return new ValidationResult("Email:Smtp:UserName and Email:Smtp:Password go together.", ["Smtp.UserName"]);
        }
    }
}

public enum EmailDelivery
{
    /// <summary>Each message is written as an <c>.eml</c> file into <see cref="EmailOptions.PickupDirectory"/>.</summary>
    Pickup,

    /// <summary>Each message is sent to the SMTP server of <see cref="EmailOptions.Smtp"/>.</summary>
    Smtp,
}

/// <summary>The SMTP server (<c>Email:Smtp</c>).</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    /// <summary>MailKit's TLS modes: <c>StartTls</c> (port 587), <c>SslOnConnect</c> (465), <c>StartTlsWhenAvailable</c>,
    /// <c>Auto</c>, or <c>None</c> (a relay on a trusted network only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Empty: the server takes mail without authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one SMTP command may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
