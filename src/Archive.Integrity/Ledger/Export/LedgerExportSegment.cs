using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Archive.Integrity.Ledger.Export;

/// <summary>
/// One object of the ledger's export into the offline store (账本导出): the entries <see cref="From"/>..<see cref="To"/>
/// (exclusive), each length-prefixed, and the signed checkpoint of size <see cref="To"/> when one was signed at that
/// size. Written once under <see cref="KeyFor"/>; the next segment starts where this one ends, so a reader follows the
/// chain from 0 without listing the store.
/// </summary>
/// <remarks>
/// Layout (integers big-endian): the 24-byte magic <c>ARCHIVE-LEDGER-EXPORT/1\n</c>; int64 from; int64 to; per entry an
/// int32 length, the entry bytes, an int16 key length (−1: no key) and the key's UTF-8 bytes; an int32 note length
/// (0: none) and the checkpoint note's UTF-8 bytes.
/// </remarks>
public sealed record LedgerExportSegment
{
    /// <summary>The key prefix of export segments in the offline store.</summary>
    public const string Prefix = "ledger/export/";

    private static readonly byte[] s_magic = "ARCHIVE-LEDGER-EXPORT/1\n"u8.ToArray();

    /// <summary>Creates a segment.</summary>
    /// <param name="from">The index of its first entry.</param>
    /// <param name="entries">Its entries, in index order.</param>
    /// <param name="checkpointNote">The signed checkpoint of size <paramref name="from"/> + entries, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is negative.</exception>
    public LedgerExportSegment(long from, IReadOnlyList<ExportedEntry> entries, string? checkpointNote)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentNullException.ThrowIfNull(entries);
        From = from;
        Entries = entries;
        CheckpointNote = checkpointNote;
    }

    /// <summary>The index of the first entry.</summary>
    public long From { get; }

    /// <summary>One past the index of the last entry: where the next segment starts.</summary>
    public long To => checked(From + Entries.Count);

    /// <summary>The entries, in index order.</summary>
    public IReadOnlyList<ExportedEntry> Entries { get; }

    /// <summary>The signed checkpoint of size <see cref="To"/>, when one was signed at exactly that size.</summary>
    public string? CheckpointNote { get; }

    /// <summary>The object key of the segment starting at <paramref name="from"/>.</summary>
    /// <param name="from">An entry index.</param>
    public static string KeyFor(long from) => Prefix + from.ToString("D20", CultureInfo.InvariantCulture) + ".bin";

    /// <summary>The segment's bytes (deterministic: equal segments give equal bytes).</summary>
    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        output.Write(s_magic);
        WriteInt64(output, From);
        WriteInt64(output, To);
        foreach (var entry in Entries)
        {
            WriteInt32(output, entry.Bytes.Length);
            output.Write(entry.Bytes);
            if (entry.IdempotencyKey is null)
            {
                WriteInt16(output, -1);
            }
            else
            {
                var key = Encoding.UTF8.GetBytes(entry.IdempotencyKey);
                WriteInt16(output, checked((short)key.Length));
                output.Write(key);
            }
        }

        var note = CheckpointNote is null ? [] : Encoding.UTF8.GetBytes(CheckpointNote);
        WriteInt32(output, note.Length);
        output.Write(note);
        return output.ToArray();
    }

    /// <summary>Reads a segment written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The object's bytes.</param>
    /// <exception cref="FormatException">The bytes are not a whole segment (wrong magic, truncated, trailing bytes, counts that disagree).</exception>
    public static LedgerExportSegment Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new SpanReader(bytes);
        if (!reader.Take(s_magic.Length).SequenceEqual(s_magic))
        {
            throw new FormatException("Not a ledger export segment (wrong magic).");
        }

        var from = reader.Int64();
        var to = reader.Int64();
        if (from < 0 || to < from)
        {
            throw new FormatException($"A ledger export segment cannot run from {from} to {to}.");
        }

        var entries = new List<ExportedEntry>();
        for (var i = from; i < to; i++)
        {
            var entry = reader.Take(reader.Int32()).ToArray();
            var keyLength = reader.Int16();
            var key = keyLength < 0 ? null : Encoding.UTF8.GetString(reader.Take(keyLength));
            entries.Add(new ExportedEntry(entry, key));
        }

        var noteLength = reader.Int32();
        var note = noteLength == 0 ? null : Encoding.UTF8.GetString(reader.Take(noteLength));
        if (!reader.AtEnd)
        {
            throw new FormatException("A ledger export segment has bytes after its checkpoint.");
        }

        return new LedgerExportSegment(from, entries, note);
    }

    private static void WriteInt64(Stream output, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        output.Write(buffer);
    }

    private static void WriteInt32(Stream output, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        output.Write(buffer);
    }

    private static void WriteInt16(Stream output, short value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteInt16BigEndian(buffer, value);
        output.Write(buffer);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool AtEnd => _position == _bytes.Length;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || count > _bytes.Length - _position)
            {
                throw new FormatException("A ledger export segment is truncated.");
            }

            var slice = _bytes.Slice(_position, count);
            _position += count;
            return slice;
        }

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));
    }
}
