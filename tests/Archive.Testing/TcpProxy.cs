using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Archive.Testing;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a test service, which a test can cut (every open connection is reset and
/// every new one is accepted and reset at once, as a network outage or a crashed server looks to a client) and
/// restore: for fault tests of a store or database that becomes unreachable while the host under test runs.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private int _refused;

    private TcpProxy(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>The port the proxy listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections the proxy reset while it was cut.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Starts a proxy that forwards to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static TcpProxy Start(string host, int port) => new(host, port);

    /// <summary>Resets every open connection and every new one until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    /// <summary>Forwards new connections again.</summary>
    public void Restore() => _cut = false;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0: close sends RST, not FIN — the peer sees "connection reset".
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Closed already.
        }
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(ct);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }

            _ = ForwardAsync(client, ct);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken ct)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, ct);
            await Task.WhenAny(PumpAsync(client, upstream, ct), PumpAsync(upstream, client, ct));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut, stopped, or the target is down: the client sees its connection end.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(upstream, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, ct)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, n), ct);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side went away; the caller closes both.
        }
    }
}
