using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Cart.Tests.Reminders;

/// <summary>
/// A real SMTP server in the test process (SmtpServer), on a free loopback port, that keeps every message it accepts
/// and refuses the next <see cref="RefuseNext"/> ones (554 transaction failed), as a server in trouble would.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private int _refuseNext;

    private SmtpCapture(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CapturingStore(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>How many of the next messages are refused.</summary>
    public int RefuseNext
    {
        get => Volatile.Read(ref _refuseNext);
        set => Volatile.Write(ref _refuseNext, value);
    }

    /// <summary>Messages refused so far.</summary>
    public int Refused { get; private set; }

    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    /// <summary>The host settings that send this host's email here.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Email:Delivery", "Smtp"),
        new("Email:Smtp:Host", "127.0.0.1"),
        new("Email:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Email:Smtp:Security", "None"),
        new("Email:Smtp:Timeout", "00:00:10"),
    ];

    public static async Task<SmtpCapture> StartAsync()
    {
        var capture = new SmtpCapture(FreePort());
        // Listening once a client can connect (the server binds on a thread of its own).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, capture.Port);
                return capture;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>The messages received for <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CapturingStore(SmtpCapture capture) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref capture._refuseNext) >= 0)
            {
                capture.Refused++;
                return SmtpResponse.TransactionFailed;
            }

            Interlocked.Exchange(ref capture._refuseNext, 0);
            using var stream = new MemoryStream(buffer.ToArray());
            capture._received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
