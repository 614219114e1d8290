using Cart.Domain.Carts;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Reminders;

/// <summary>Two instances of the service on one PostgreSQL, running the job at the same moment.</summary>
public sealed class ReminderInstancesTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private SmtpCapture? _smtp;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        _smtp = await SmtpCapture.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp!.DisposeAsync();
        await _database!.DisposeAsync();
    }

    [Fact]
    public async Task RemindersJob_WhenTwoInstancesRunItAtOnce_SendsEachReminderOnce()
    {
        await using var first = ReminderTestHost.NewHost(_database!, _smtp!);
        await using var second = ReminderTestHost.NewHost(_database!, _smtp!);
        var sku = await first.NewProductAsync("Mug", 5m);
        var emails = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (client, _, email) = (i % 2 == 0 ? first : second).NewShopperWithEmail();
            await client.AddAsync(sku, 1);
            emails.Add(email);
        }

        foreach (var host in new[] { first, second })
        {
            host.Clock.Advance(TimeSpan.FromMinutes(61));
        }

        await Task.WhenAll(first.RunRemindersAsync(), second.RunRemindersAsync(), first.RunRemindersAsync(),
            second.RunRemindersAsync());
        await Task.WhenAll(first.RunRemindersAsync(), second.RunRemindersAsync());

        Assert.All(emails, email => Assert.Single(_smtp!.To(email)));
        Assert.Equal(6, _smtp!.Received.Count);
        var reminders = await first.RemindersAsync();
        Assert.Equal(6, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(ReminderStatus.Sent, r.Status));
        Assert.Equal(6, (await first.EventsAsync(CartActivityTypes.ReminderSent)).Count);
    }
}
