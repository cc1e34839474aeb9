using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Archive.Ingest.Reading.Internal;

/// <summary>
/// Writes a ZIP archive (PKWARE APPNOTE 6.3.10) front to back onto a stream that cannot seek, such as an HTTP response:
/// every entry stored (no compression), UTF-8 names (flag bit 11), CRC and sizes in a data descriptor after the data
/// (flag bit 3), ZIP64 fields wherever a size, offset or count needs them. Memory holds one copy buffer and one small
/// central-directory record per entry, never content.
/// </summary>
/// <remarks>
/// Why not <see cref="System.IO.Compression.ZipArchive"/>: on a non-seekable stream it must decide ZIP64 before it knows
/// an entry's size, and it offers no hook to check each entry's SHA-256 against the catalogue while it copies.
/// </remarks>
internal sealed class ZipStreamWriter(Stream output, LocalDateTime modified, bool forceZip64 = false)
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint DataDescriptorSignature = 0x08074b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint EndSignature = 0x06054b50;
    private const ushort Flags = 0x0008 | 0x0800;
    private const ushort VersionZip64 = 45;
    private const ushort VersionDefault = 20;
    // Made by UNIX (3), spec 4.5, so that external attributes carry a 0644 file mode.
    private const ushort VersionMadeBy = (3 << 8) | 45;
    private const uint ExternalAttributes = 0x81A4u << 16;
    private const int BufferSize = 128 * 1024;

    private readonly List<CentralRecord> _entries = [];
    private readonly ushort _dosTime = (ushort)((modified.Hour << 11) | (modified.Minute << 5) | (modified.Second / 2));
    private readonly ushort _dosDate = (ushort)((Math.Clamp(modified.Year, 1980, 2107) - 1980) << 9 | (modified.Month << 5) | modified.Day);
    private long _offset;
    private bool _finished;

    /// <summary>Bytes written so far.</summary>
    public long Position => _offset;

    /// <summary>
    /// Copies <paramref name="content"/> to its end as one stored entry. When <paramref name="expectedSize"/> or
    /// <paramref name="expectedSha256"/> is given and the bytes differ, throws after the data (the archive is then unusable).
    /// </summary>
    /// <exception cref="InvalidDataException">The content's size or SHA-256 is not the expected one.</exception>
    public async Task AddAsync(string name, Stream content, long? expectedSize, string? expectedSha256, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        if (nameBytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("Entry name too long for ZIP.", nameof(name));
        }

        var zip64 = forceZip64 || expectedSize >= uint.MaxValue;
        var headerOffset = _offset;
        await WriteLocalHeaderAsync(nameBytes, zip64, ct);

        var crc = new Crc32();
        using var sha = expectedSha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                crc.Append(buffer.AsSpan(0, read));
                sha?.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                size = checked(size + read);
                _offset = checked(_offset + read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if ((expectedSize is { } e && e != size) || (!zip64 && size >= uint.MaxValue))
        {
            throw new InvalidDataException($"Entry '{name}' has {size} bytes, expected {expectedSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "< 4 GiB"}.");
        }

        if (sha is not null && !string.Equals(Convert.ToHexStringLower(sha.GetHashAndReset()), expectedSha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Entry '{name}' does not have the expected SHA-256.");
        }

        var crcValue = crc.GetCurrentHashAsUInt32();
        await WriteDataDescriptorAsync(crcValue, size, zip64, ct);
        _entries.Add(new CentralRecord(nameBytes, crcValue, size, headerOffset, zip64));
    }

    /// <summary>Writes the central directory and end records; nothing may be added afterwards.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        var directoryOffset = _offset;
        foreach (var entry in _entries)
        {
            await WriteCentralHeaderAsync(entry, ct);
        }

        var directorySize = _offset - directoryOffset;
        var zip64 = forceZip64 || _entries.Count >= ushort.MaxValue || directoryOffset >= uint.MaxValue || directorySize >= uint.MaxValue;
        if (zip64)
        {
            var zip64EndOffset = _offset;
            var end64 = new byte[56];
            var s = end64.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(s, Zip64EndSignature);
            BinaryPrimitives.WriteUInt64LittleEndian(s[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(s[12..], VersionMadeBy);
            BinaryPrimitives.WriteUInt16LittleEndian(s[14..], VersionZip64);
            BinaryPrimitives.WriteUInt64LittleEndian(s[24..], (ulong)_entries.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(s[32..], (ulong)_entries.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(s[40..], (ulong)directorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(s[48..], (ulong)directoryOffset);
            await WriteAsync(end64, ct);

            var locator = new byte[20];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, Zip64LocatorSignature);
            BinaryPrimitives.WriteUInt64LittleEndian(locator.AsSpan(8), (ulong)zip64EndOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator.AsSpan(16), 1);
            await WriteAsync(locator, ct);
        }

        var end = new byte[22];
        var e = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(e, EndSignature);
        var count = zip64 ? ushort.MaxValue : (ushort)_entries.Count;
        BinaryPrimitives.WriteUInt16LittleEndian(e[8..], count);
        BinaryPrimitives.WriteUInt16LittleEndian(e[10..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], zip64 ? uint.MaxValue : (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], zip64 ? uint.MaxValue : (uint)directoryOffset);
        await WriteAsync(end, ct);
        await output.FlushAsync(ct);
    }

    private async Task WriteLocalHeaderAsync(byte[] name, bool zip64, CancellationToken ct)
    {
        var header = new byte[30 + name.Length + (zip64 ? 20 : 0)];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], zip64 ? VersionZip64 : VersionDefault);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], Flags);
        // Method 0 (stored) at 8; CRC and sizes follow in the data descriptor (zero here, or the ZIP64 marker).
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], _dosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], _dosDate);
        if (zip64)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h[18..], uint.MaxValue);
            BinaryPrimitives.WriteUInt32LittleEndian(h[22..], uint.MaxValue);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)(zip64 ? 20 : 0));
        name.CopyTo(h[30..]);
        if (zip64)
        {
            // ZIP64 extra with both sizes zero: the real ones are in the (8-byte) data descriptor.
            BinaryPrimitives.WriteUInt16LittleEndian(h[(30 + name.Length)..], 0x0001);
            BinaryPrimitives.WriteUInt16LittleEndian(h[(32 + name.Length)..], 16);
        }

        await WriteAsync(header, ct);
    }

    private async Task WriteDataDescriptorAsync(uint crc, long size, bool zip64, CancellationToken ct)
    {
        var descriptor = new byte[zip64 ? 24 : 16];
        var d = descriptor.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(d, DataDescriptorSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], crc);
        if (zip64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(d[8..], (ulong)size);
            BinaryPrimitives.WriteUInt64LittleEndian(d[16..], (ulong)size);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(d[8..], (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(d[12..], (uint)size);
        }

        await WriteAsync(descriptor, ct);
    }

    private async Task WriteCentralHeaderAsync(CentralRecord entry, CancellationToken ct)
    {
        var bigSizes = entry.Zip64 || entry.Size >= uint.MaxValue;
        var bigOffset = forceZip64 || entry.Offset >= uint.MaxValue;
        var extraLength = (bigSizes ? 16 : 0) + (bigOffset ? 8 : 0);
        var extra = extraLength == 0 ? 0 : extraLength + 4;
        var header = new byte[46 + entry.Name.Length + extra];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, CentralHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], VersionMadeBy);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], extra > 0 ? VersionZip64 : VersionDefault);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], _dosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(h[14..], _dosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], bigSizes ? uint.MaxValue : (uint)entry.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], bigSizes ? uint.MaxValue : (uint)entry.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)entry.Name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[30..], (ushort)extra);
        BinaryPrimitives.WriteUInt32LittleEndian(h[38..], ExternalAttributes);
        BinaryPrimitives.WriteUInt32LittleEndian(h[42..], bigOffset ? uint.MaxValue : (uint)entry.Offset);
        entry.Name.CopyTo(h[46..]);
        if (extra > 0)
        {
            var x = h[(46 + entry.Name.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(x, 0x0001);
            BinaryPrimitives.WriteUInt16LittleEndian(x[2..], (ushort)extraLength);
            var at = 4;
            if (bigSizes)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(x[at..], (ulong)entry.Size);
                BinaryPrimitives.WriteUInt64LittleEndian(x[(at + 8)..], (ulong)entry.Size);
                at += 16;
            }

            if (bigOffset)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(x[at..], (ulong)entry.Offset);
            }
        }

        await WriteAsync(header, ct);
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken ct)
    {
        await output.WriteAsync(bytes, ct);
        _offset = checked(_offset + bytes.Length);
    }

    private sealed record CentralRecord(byte[] Name, uint Crc, long Size, long Offset, bool Zip64);
}
