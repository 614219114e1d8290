using System.Net;
using System.Net.Sockets;

namespace Cart.Tests.Fixtures;

/// <summary>
/// A loopback TCP relay in front of a real server (Redis, PostgreSQL), so a test can cut the service off from it —
/// connections refused, open ones dropped — and then let it through again, without stopping the shared server.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener _listener;
    private Task _accepting;
    private volatile bool _stalled;

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_listener);
    }

    public int Port { get; }

    public bool IsUp { get; private set; } = true;

    /// <summary>From <c>host:port</c> (the form of CART_TEST_REDIS).</summary>
    public static TcpProxy For(string hostAndPort)
    {
        var parts = hostAndPort.Split(':');
        return new TcpProxy(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Refuses new connections and drops the open ones, as a crashed or unreachable server would.</summary>
    public async Task CutAsync()
    {
        IsUp = false;
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _open.Clear();
        }

        await _accepting.ConfigureAwait(false);
    }

    /// <summary>Drops the open connections and, from now on, accepts new ones but never answers on them: a server
    /// that hangs (or a network that drops packets), where a caller waits out its own timeout rather than failing
    /// at once.</summary>
    public Task StallAsync()
    {
        _stalled = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _open.Clear();
        }

        return Task.CompletedTask;
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restore()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        IsUp = true;
        _accepting = AcceptAsync(_listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (IsUp)
        {
            await CutAsync();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException
                                           or InvalidOperationException)
            {
                return;
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        if (_stalled)
        {
            await HoldSilentlyAsync(inbound);
            return;
        }

        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(_target, _stop.Token);
            lock (_open)
            {
                if (!IsUp)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    return;
                }

                _open.Add(inbound);
                _open.Add(outbound);
            }

            var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), _stop.Token);
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), _stop.Token);
            await Task.WhenAny(a, b);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException
                                       or OperationCanceledException)
        {
            // A cut, or either side going away: the relay ends.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task HoldSilentlyAsync(TcpClient inbound)
    {
        lock (_open)
        {
            _open.Add(inbound);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // the proxy is going away
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(inbound);
            }

            inbound.Dispose();
        }
    }
}
