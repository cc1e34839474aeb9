using System.Buffers.Binary;

namespace Archive.Api.Access.Requests;

/// <summary>
/// Recognises the formats a scanned legal document may have, by their leading bytes, never by the declared type:
/// PDF, JPEG, PNG, and OFD (GB/T 33190, a zip container whose first entry is <c>OFD.xml</c>).
/// </summary>
public static class DocumentSignatures
{
    /// <summary>How many leading bytes <see cref="Recognise"/> wants to see.</summary>
    public const int HeadLength = 128;

    /// <summary>The media type of the document whose first bytes are <paramref name="head"/>, or null if none of the four.</summary>
    /// <param name="head">The first bytes (up to <see cref="HeadLength"/>).</param>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        // Zip local file header: name length at offset 26, the name at 30. OFD writers put OFD.xml first; a zip that
        // does not is refused rather than taken for an OFD on its zip signature alone.
        if (head.Length >= 30 && head.StartsWith("PK\x03\x04"u8))
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[26..]);
            if (head.Length >= 30 + nameLength && nameLength == 7
                && System.Text.Encoding.ASCII.GetString(head.Slice(30, 7)).Equals("OFD.xml", StringComparison.OrdinalIgnoreCase))
            {
                return "application/ofd";
            }
        }

        return null;
    }
}
