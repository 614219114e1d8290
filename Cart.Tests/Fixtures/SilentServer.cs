using System.Net;

namespace Cart.Tests.Fixtures;

/// <summary>Accepts TCP connections and never says a word: a server that hangs.</summary>
internal sealed class SilentServer : IDisposable
{
    private readonly System.Net.Sockets.TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<System.Net.Sockets.Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();

    public SilentServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(s => s.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                       or System.Net.Sockets.SocketException)
        {
            // Stopped.
        }
    }
}
