using Cart.Domain.Reminders;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cart.Tests.Reminders;

/// <summary>The no-setup delivery: each message an .eml file in the pickup folder.</summary>
public sealed class PickupDeliveryTests : OwnHostsTest
{
    [Fact]
    public async Task Send_WithTheDefaultDelivery_WritesAnEmlFileToThePickupFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cart-tests", "mail-" + Guid.NewGuid().ToString("N"));
        var host = Own(new CartAppFactory(Database, settings: new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = folder,
        }));
        var sender = host.Services.GetRequiredService<IEmailSender>();

        await sender.SendAsync(new EmailMessage("shopper@shoppers.test", "Hello", "<p>Hi</p>", "Hi",
            new Uri("http://localhost/api/v1/reminders/unsubscribe?token=t")), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("shopper@shoppers.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("Hi", message.TextBody?.Trim());
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Directory.Delete(folder, true);
    }
}
