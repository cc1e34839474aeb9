using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Archive.Ingest.FourProperties;

/// <summary>
/// Scans files through a running <c>clamd</c> on a Unix socket (its <c>INSTREAM</c> command): the signatures stay loaded
/// between scans, so this is much faster than starting <c>clamscan</c>. Returns null for a file clamd could not judge
/// (not running, a stream over its <c>StreamMaxLength</c>), which the caller then scans with clamscan.
/// </summary>
internal static class ClamdScan
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>The signature found, "" when clean, or null when clamd gave no verdict.</summary>
    public static async Task<string?> ScanAsync(string socketPath, string file, CancellationToken ct)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
            await using (var source = File.OpenRead(file))
            {
                var buffer = new byte[4 + ChunkSize];
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(4, ChunkSize), ct)) > 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                    await stream.WriteAsync(buffer.AsMemory(0, 4 + read), ct);
                }
            }

            await stream.WriteAsync(new byte[4], ct);
            using var reply = new MemoryStream();
            await stream.CopyToAsync(reply, ct);
            var text = Encoding.UTF8.GetString(reply.ToArray()).TrimEnd('\0', '\n');
            // "stream: OK", "stream: <signature> FOUND", or "... ERROR".
            return text switch
            {
                "stream: OK" => string.Empty,
                _ when text.StartsWith("stream: ", StringComparison.Ordinal) && text.EndsWith(" FOUND", StringComparison.Ordinal) =>
                    text["stream: ".Length..^" FOUND".Length],
                _ => null,
            };
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }
}
