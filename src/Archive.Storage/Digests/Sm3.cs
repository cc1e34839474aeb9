using System.Buffers.Binary;
using Archive.Storage.Internal;

namespace Archive.Storage.Digests;

/// <summary>
/// SM3 (GB/T 32905-2016), the Chinese national cryptographic hash (国密 SM3 杂凑算法), computed incrementally.
/// </summary>
/// <remarks>
/// Runs the system's libcrypto (<c>EVP_sm3</c>, OpenSSL's C code) where it loads, has SM3 and passes a known-answer
/// check; elsewhere a managed implementation that compresses whole 64-byte blocks straight from the caller's span
/// (only a partial tail is copied) and allocates nothing per call. Both give the same digests; the libcrypto one is
/// about 1.7× faster. Instances are not thread-safe; dispose them to free the native context.
/// </remarks>
public sealed class Sm3 : IDisposable
{
    /// <summary>The size of an SM3 digest in bytes.</summary>
    public const int HashSizeInBytes = 32;

    private const int BlockBytes = Sm3Compression.BlockBytes;

    // The padded length field counts bits in 64 bits.
    private const long MaxMessageBytes = long.MaxValue / 4;

    private readonly OpenSslSm3? _native;
    private readonly uint[] _state = new uint[8];
    private readonly byte[] _tail = new byte[BlockBytes];
    private int _tailCount;
    private long _length;
    private bool _disposed;

    /// <summary>Creates a hasher in its initial state, on libcrypto where available.</summary>
    public Sm3()
        : this(useLibCrypto: true)
    {
    }

    /// <summary>Creates a hasher, choosing whether libcrypto may be used (tests run both implementations).</summary>
    /// <param name="useLibCrypto"><see langword="false"/> to hash in managed code whatever the platform offers.</param>
    internal Sm3(bool useLibCrypto)
    {
        if (useLibCrypto && OpenSslSm3.IsAvailable)
        {
            _native = OpenSslSm3.Create();
        }
        Reset();
    }

    /// <summary>Whether new hashers run libcrypto's SM3 rather than the managed implementation.</summary>
    public static bool UsesLibCrypto => OpenSslSm3.IsAvailable;

    /// <summary>Whether this hasher runs on libcrypto.</summary>
    internal bool IsNative => _native is not null;

    /// <summary>Computes the SM3 digest of <paramref name="data"/> in one call.</summary>
    /// <param name="data">The message.</param>
    /// <returns>The 32-byte digest.</returns>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSizeInBytes];
        HashData(data, hash);
        return hash;
    }

    /// <summary>Computes the SM3 digest of <paramref name="data"/> into <paramref name="destination"/>.</summary>
    /// <param name="data">The message.</param>
    /// <param name="destination">Receives the digest; at least <see cref="HashSizeInBytes"/> bytes.</param>
    /// <returns>The number of bytes written, <see cref="HashSizeInBytes"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than a digest.</exception>
    public static int HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        using var hasher = new Sm3();
        hasher.Append(data);
        return hasher.GetHashAndReset(destination);
    }

    /// <summary>Adds the next bytes of the message.</summary>
    /// <param name="data">Bytes of any length, including none.</param>
    /// <exception cref="OverflowException">The message would exceed 2^61 − 1 bytes (2^64 bits).</exception>
    /// <exception cref="ObjectDisposedException">The hasher was disposed.</exception>
    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (data.Length > MaxMessageBytes - _length)
        {
            throw new OverflowException("An SM3 message is at most 2^61 - 1 bytes.");
        }
        _length += data.Length;
        if (_native is not null)
        {
            _native.Update(data);
            return;
        }
        if (_tailCount > 0)
        {
            var take = Math.Min(BlockBytes - _tailCount, data.Length);
            data[..take].CopyTo(_tail.AsSpan(_tailCount));
            _tailCount += take;
            data = data[take..];
            if (_tailCount < BlockBytes)
            {
                return;
            }
            Sm3Compression.Compress(_state, _tail);
            _tailCount = 0;
        }
        var whole = data.Length - (data.Length % BlockBytes);
        Sm3Compression.Compress(_state, data[..whole]);
        data[whole..].CopyTo(_tail);
        _tailCount = data.Length - whole;
    }

    /// <summary>Finishes the digest of everything appended, writes it, and resets the hasher for a new message.</summary>
    /// <param name="destination">Receives the digest; at least <see cref="HashSizeInBytes"/> bytes.</param>
    /// <returns>The number of bytes written, <see cref="HashSizeInBytes"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than a digest.</exception>
    /// <exception cref="ObjectDisposedException">The hasher was disposed.</exception>
    public int GetHashAndReset(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("The destination is shorter than an SM3 digest (32 bytes).", nameof(destination));
        }
        if (_native is not null)
        {
            _native.FinishAndReset(destination);
            _length = 0;
            return HashSizeInBytes;
        }
        // Padding (§5.2): a 1 bit, zeros up to 56 mod 64 bytes, then the bit length as a 64-bit big-endian number.
        var bitLength = (ulong)_length * 8;
        Span<byte> padding = stackalloc byte[2 * BlockBytes];
        padding.Clear();
        _tail.AsSpan(0, _tailCount).CopyTo(padding);
        padding[_tailCount] = 0x80;
        var padded = _tailCount < BlockBytes - 8 ? BlockBytes : 2 * BlockBytes;
        BinaryPrimitives.WriteUInt64BigEndian(padding[(padded - 8)..], bitLength);
        Sm3Compression.Compress(_state, padding[..padded]);
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], _state[i]);
        }
        Reset();
        return HashSizeInBytes;
    }

    /// <summary>Finishes the digest of everything appended and resets the hasher for a new message.</summary>
    /// <returns>The 32-byte digest.</returns>
    public byte[] GetHashAndReset()
    {
        var hash = new byte[HashSizeInBytes];
        GetHashAndReset(hash);
        return hash;
    }

    /// <summary>Frees the native context, if any.</summary>
    public void Dispose()
    {
        _disposed = true;
        _native?.Dispose();
    }

    // The managed state back to the IV of §4.1 (the native context resets itself after each digest).
    private void Reset()
    {
        _state[0] = 0x7380166F;
        _state[1] = 0x4914B2B9;
        _state[2] = 0x172442D7;
        _state[3] = 0xDA8A0600;
        _state[4] = 0xA96F30BC;
        _state[5] = 0x163138AA;
        _state[6] = 0xE38DEE4D;
        _state[7] = 0xB0FB0E4E;
        _tailCount = 0;
        _length = 0;
    }
}
