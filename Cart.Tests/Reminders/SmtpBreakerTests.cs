using System.Net;
using System.Net.Sockets;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Cart.Tests.Reminders;

/// <summary>
/// The SMTP pipeline in front of the email sender, on a port where no server listens (each try is refused at once):
/// off by default, so every send tries the server; with <c>Resilience:Smtp:FailuresToBreak</c>, sends stop trying for
/// the break once that many failed, and say so.
/// </summary>
public sealed class SmtpBreakerTests
{
    private static readonly EmailMessage Message = new("shopper@example.test", "Your cart", "<p>Hi</p>", "Hi");

    [Fact]
    public async Task Send_ByDefault_TriesTheServerEveryTime()
    {
        var email = SenderTo(ClosedPort());

        for (var i = 0; i < 4; i++)
        {
            var notSent = await Assert.ThrowsAsync<EmailNotSentException>(() =>
                email.SendAsync(Message, CancellationToken.None));
            Assert.IsType<SocketException>(notSent.InnerException);
        }
    }

    [Fact]
    public async Task Send_WhenTheServerFailedAsOftenAsConfigured_IsNotTriedUntilTheBreakIsOver()
    {
        var clock = new FakeTimeProvider();
        var email = SenderTo(ClosedPort(), clock, ("Resilience:Smtp:FailuresToBreak", "2"),
            ("Resilience:Smtp:BreakDuration", "00:01:00"));

        await Assert.ThrowsAsync<EmailNotSentException>(() => email.SendAsync(Message, CancellationToken.None));
        await Assert.ThrowsAsync<EmailNotSentException>(() => email.SendAsync(Message, CancellationToken.None));
        var whileOpen = await Assert.ThrowsAsync<EmailNotSentException>(() =>
            email.SendAsync(Message, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        var afterTheBreak = await Assert.ThrowsAsync<EmailNotSentException>(() =>
            email.SendAsync(Message, CancellationToken.None));

        Assert.IsType<BrokenCircuitException>(whileOpen.InnerException);
        Assert.IsType<SocketException>(afterTheBreak.InnerException);
    }

    private static IEmailSender SenderTo(int port, TimeProvider? clock = null,
        params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:Timeout"] = "00:00:05",
        }).AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(clock ?? new FakeTimeProvider());
        services.AddKeyedSingleton(Cart.Infrastructure.Resilience.ResiliencePipelines.RealTimeClock,
            clock ?? new FakeTimeProvider());
        services.AddCartEmail();
        return services.BuildServiceProvider().GetRequiredService<IEmailSender>();
    }

    /// <summary>A loopback port nothing listens on: a connection is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
