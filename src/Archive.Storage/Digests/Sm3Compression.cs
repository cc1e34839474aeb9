using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Archive.Storage.Digests;

/// <summary>The SM3 compression function CF (GB/T 32905-2016 §5.3) over whole 64-byte blocks.</summary>
internal static class Sm3Compression
{
    /// <summary>Bytes per SM3 message block.</summary>
    public const int BlockBytes = 64;

    /// <summary>Compresses every whole block of <paramref name="blocks"/> into <paramref name="state"/>.</summary>
    /// <param name="state">The eight chaining words V (A…H), updated in place.</param>
    /// <param name="blocks">Input whose length is a multiple of <see cref="BlockBytes"/>; a partial tail is ignored.</param>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        if (state.Length < 8)
        {
            throw new ArgumentException("SM3 state has eight words.", nameof(state));
        }
        var count = blocks.Length / BlockBytes;
        if (count == 0)
        {
            return;
        }
        // W_0…W_67 for one block; W'_j = W_j ^ W_{j+4} is formed in the rounds.
        Span<uint> expanded = stackalloc uint[68];
        ref var w = ref MemoryMarshal.GetReference(expanded);
        ref var input = ref MemoryMarshal.GetReference(blocks);
        uint v0 = state[0], v1 = state[1], v2 = state[2], v3 = state[3];
        uint v4 = state[4], v5 = state[5], v6 = state[6], v7 = state[7];
        unchecked
        {
            for (var block = 0; block < count; block++)
            {
                Expand(ref Unsafe.Add(ref input, block * BlockBytes), ref w);
                uint a = v0, b = v1, c = v2, d = v3, e = v4, f = v5, g = v6, h = v7;
                // Rounds 0–63 with T_j <<< (j mod 32) as constants; A…H are renamed rather than shifted (see Round1).
                Round1(a, ref b, c, ref d, e, ref f, g, ref h, 0x79CC4519, ref Unsafe.Add(ref w, 0));
                Round1(d, ref a, b, ref c, h, ref e, f, ref g, 0xF3988A32, ref Unsafe.Add(ref w, 1));
                Round1(c, ref d, a, ref b, g, ref h, e, ref f, 0xE7311465, ref Unsafe.Add(ref w, 2));
                Round1(b, ref c, d, ref a, f, ref g, h, ref e, 0xCE6228CB, ref Unsafe.Add(ref w, 3));
                Round1(a, ref b, c, ref d, e, ref f, g, ref h, 0x9CC45197, ref Unsafe.Add(ref w, 4));
                Round1(d, ref a, b, ref c, h, ref e, f, ref g, 0x3988A32F, ref Unsafe.Add(ref w, 5));
                Round1(c, ref d, a, ref b, g, ref h, e, ref f, 0x7311465E, ref Unsafe.Add(ref w, 6));
                Round1(b, ref c, d, ref a, f, ref g, h, ref e, 0xE6228CBC, ref Unsafe.Add(ref w, 7));
                Round1(a, ref b, c, ref d, e, ref f, g, ref h, 0xCC451979, ref Unsafe.Add(ref w, 8));
                Round1(d, ref a, b, ref c, h, ref e, f, ref g, 0x988A32F3, ref Unsafe.Add(ref w, 9));
                Round1(c, ref d, a, ref b, g, ref h, e, ref f, 0x311465E7, ref Unsafe.Add(ref w, 10));
                Round1(b, ref c, d, ref a, f, ref g, h, ref e, 0x6228CBCE, ref Unsafe.Add(ref w, 11));
                Round1(a, ref b, c, ref d, e, ref f, g, ref h, 0xC451979C, ref Unsafe.Add(ref w, 12));
                Round1(d, ref a, b, ref c, h, ref e, f, ref g, 0x88A32F39, ref Unsafe.Add(ref w, 13));
                Round1(c, ref d, a, ref b, g, ref h, e, ref f, 0x11465E73, ref Unsafe.Add(ref w, 14));
                Round1(b, ref c, d, ref a, f, ref g, h, ref e, 0x228CBCE6, ref Unsafe.Add(ref w, 15));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0x9D8A7A87, ref Unsafe.Add(ref w, 16));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x3B14F50F, ref Unsafe.Add(ref w, 17));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x7629EA1E, ref Unsafe.Add(ref w, 18));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0xEC53D43C, ref Unsafe.Add(ref w, 19));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0xD8A7A879, ref Unsafe.Add(ref w, 20));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0xB14F50F3, ref Unsafe.Add(ref w, 21));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x629EA1E7, ref Unsafe.Add(ref w, 22));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0xC53D43CE, ref Unsafe.Add(ref w, 23));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0x8A7A879D, ref Unsafe.Add(ref w, 24));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x14F50F3B, ref Unsafe.Add(ref w, 25));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x29EA1E76, ref Unsafe.Add(ref w, 26));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0x53D43CEC, ref Unsafe.Add(ref w, 27));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0xA7A879D8, ref Unsafe.Add(ref w, 28));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x4F50F3B1, ref Unsafe.Add(ref w, 29));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x9EA1E762, ref Unsafe.Add(ref w, 30));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0x3D43CEC5, ref Unsafe.Add(ref w, 31));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0x7A879D8A, ref Unsafe.Add(ref w, 32));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0xF50F3B14, ref Unsafe.Add(ref w, 33));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0xEA1E7629, ref Unsafe.Add(ref w, 34));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0xD43CEC53, ref Unsafe.Add(ref w, 35));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0xA879D8A7, ref Unsafe.Add(ref w, 36));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x50F3B14F, ref Unsafe.Add(ref w, 37));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0xA1E7629E, ref Unsafe.Add(ref w, 38));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0x43CEC53D, ref Unsafe.Add(ref w, 39));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0x879D8A7A, ref Unsafe.Add(ref w, 40));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x0F3B14F5, ref Unsafe.Add(ref w, 41));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x1E7629EA, ref Unsafe.Add(ref w, 42));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0x3CEC53D4, ref Unsafe.Add(ref w, 43));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0x79D8A7A8, ref Unsafe.Add(ref w, 44));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0xF3B14F50, ref Unsafe.Add(ref w, 45));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0xE7629EA1, ref Unsafe.Add(ref w, 46));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0xCEC53D43, ref Unsafe.Add(ref w, 47));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0x9D8A7A87, ref Unsafe.Add(ref w, 48));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x3B14F50F, ref Unsafe.Add(ref w, 49));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x7629EA1E, ref Unsafe.Add(ref w, 50));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0xEC53D43C, ref Unsafe.Add(ref w, 51));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0xD8A7A879, ref Unsafe.Add(ref w, 52));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0xB14F50F3, ref Unsafe.Add(ref w, 53));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x629EA1E7, ref Unsafe.Add(ref w, 54));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0xC53D43CE, ref Unsafe.Add(ref w, 55));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0x8A7A879D, ref Unsafe.Add(ref w, 56));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x14F50F3B, ref Unsafe.Add(ref w, 57));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x29EA1E76, ref Unsafe.Add(ref w, 58));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0x53D43CEC, ref Unsafe.Add(ref w, 59));
                Round2(a, ref b, c, ref d, e, ref f, g, ref h, 0xA7A879D8, ref Unsafe.Add(ref w, 60));
                Round2(d, ref a, b, ref c, h, ref e, f, ref g, 0x4F50F3B1, ref Unsafe.Add(ref w, 61));
                Round2(c, ref d, a, ref b, g, ref h, e, ref f, 0x9EA1E762, ref Unsafe.Add(ref w, 62));
                Round2(b, ref c, d, ref a, f, ref g, h, ref e, 0x3D43CEC5, ref Unsafe.Add(ref w, 63));
                v0 ^= a;
                v1 ^= b;
                v2 ^= c;
                v3 ^= d;
                v4 ^= e;
                v5 ^= f;
                v6 ^= g;
                v7 ^= h;
            }
        }
        state[0] = v0;
        state[1] = v1;
        state[2] = v2;
        state[3] = v3;
        state[4] = v4;
        state[5] = v5;
        state[6] = v6;
        state[7] = v7;
    }

    // Message expansion (§5.3.2): W_0…W_15 big-endian from the block, W_16…W_67 from the recurrence.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Expand(ref byte block, ref uint w)
    {
        unchecked
        {
            for (var j = 0; j < 16; j++)
            {
                var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref block, j * 4));
                Unsafe.Add(ref w, j) = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(word) : word;
            }
            for (var j = 16; j < 68; j++)
            {
                var x = Unsafe.Add(ref w, j - 16) ^ Unsafe.Add(ref w, j - 9) ^ BitOperations.RotateLeft(Unsafe.Add(ref w, j - 3), 15);
                Unsafe.Add(ref w, j) = P1(x) ^ BitOperations.RotateLeft(Unsafe.Add(ref w, j - 13), 7) ^ Unsafe.Add(ref w, j - 6);
            }
        }
    }

    // One of rounds 0–15 (§5.3.3) on registers A…H: D receives TT1 and H receives P0(TT2); B and F are rotated in place.
    // The caller renames A…H for the next round (the new A is this D, the new E this H), so nothing is shifted.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round1(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint tj, ref uint wj) =>
        Round(a, ref b, a ^ b ^ c, ref d, e, ref f, e ^ f ^ g, ref h, tj, ref wj);

    // One of rounds 16–63: as Round1 with the majority and choice functions for FF and GG.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round2(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint tj, ref uint wj) =>
        Round(a, ref b, (a & b) | ((a | b) & c), ref d, e, ref f, ((f ^ g) & e) ^ g, ref h, tj, ref wj);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(uint a, ref uint b, uint ff, ref uint d, uint e, ref uint f, uint gg, ref uint h, uint tj, ref uint wj)
    {
        unchecked
        {
            var a12 = BitOperations.RotateLeft(a, 12);
            var ss1 = BitOperations.RotateLeft(a12 + e + tj, 7);
            var w0 = wj;
            d += ff + (ss1 ^ a12) + (w0 ^ Unsafe.Add(ref wj, 4));
            h = P0(h + gg + ss1 + w0);
            b = BitOperations.RotateLeft(b, 9);
            f = BitOperations.RotateLeft(f, 19);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P0(uint x) => x ^ BitOperations.RotateLeft(x, 9) ^ BitOperations.RotateLeft(x, 17);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P1(uint x) => x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23);
}
