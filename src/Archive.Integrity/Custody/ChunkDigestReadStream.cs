using Archive.Core.Streams;

namespace Archive.Integrity.Custody;

/// <summary>
/// A read-through stream that computes the <see cref="ChunkDigests"/> of the bytes read through it, so that a pass that
/// reads an object anyway (sealing's copy into the offline bag) records its chunk digests without reading it again.
/// </summary>
public sealed class ChunkDigestReadStream : ReadThroughStream
{
    private readonly ChunkDigestBuilder _builder;

    /// <summary>Computes chunk digests of <paramref name="chunkSize"/> bytes over what is read from <paramref name="inner"/>.</summary>
    /// <param name="inner">The stream read.</param>
    /// <param name="chunkSize">The chunk size in bytes.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open on dispose.</param>
    public ChunkDigestReadStream(Stream inner, int chunkSize, bool leaveOpen = false)
        : base(inner, leaveOpen) => _builder = new ChunkDigestBuilder(chunkSize);

    /// <summary>Finishes the last chunk and returns the digests of everything read; call once, after the last read.</summary>
    public ChunkDigests Complete() => _builder.Complete();

    /// <inheritdoc />
    protected override void Observe(ReadOnlySpan<byte> chunk) => _builder.Append(chunk);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _builder.Dispose();
        }

        base.Dispose(disposing);
    }
}
