using System.Security.Cryptography;

namespace Archive.Core.Streams;

/// <summary>A read-through stream that hashes the bytes read through it with one algorithm.</summary>
public sealed class HashingReadStream : ReadThroughStream
{
    private readonly IncrementalHash _hash;

    /// <summary>Hashes what is read from <paramref name="inner"/> with <paramref name="algorithm"/>.</summary>
    /// <param name="inner">The stream read.</param>
    /// <param name="algorithm">The hash algorithm, e.g. <see cref="HashAlgorithmName.SHA512"/>.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open on dispose.</param>
    public HashingReadStream(Stream inner, HashAlgorithmName algorithm, bool leaveOpen = false)
        : base(inner, leaveOpen) => _hash = IncrementalHash.CreateHash(algorithm);

    /// <summary>The hash of everything read so far, in lower-case hex.</summary>
    /// <returns>The hex digest.</returns>
    public string HashHex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <inheritdoc />
    protected override void Observe(ReadOnlySpan<byte> chunk) => _hash.AppendData(chunk);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
