namespace Archive.Storage.Digests;

/// <summary>
/// The size and the two digests of one object's content, computed in one pass:
/// SHA-256 (FIPS 180-4) and SM3 (GB/T 32905-2016, 密码杂凑算法).
/// </summary>
/// <param name="Size">The number of bytes digested.</param>
/// <param name="Sha256">The 32-byte SHA-256 digest.</param>
/// <param name="Sm3">The 32-byte SM3 digest.</param>
public sealed record ContentDigests(long Size, byte[] Sha256, byte[] Sm3)
{
    /// <summary>The SHA-256 digest as lower-case hexadecimal.</summary>
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    /// <summary>The SM3 digest as lower-case hexadecimal.</summary>
    public string Sm3Hex => Convert.ToHexStringLower(Sm3);

    /// <summary>Compares size and both digests by value.</summary>
    /// <param name="other">The digests to compare with.</param>
    /// <returns><see langword="true"/> when size and both digests are equal.</returns>
    public bool Equals(ContentDigests? other) =>
        other is not null
        && Size == other.Size
        && Sha256.AsSpan().SequenceEqual(other.Sha256)
        && Sm3.AsSpan().SequenceEqual(other.Sm3);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Size, BitConverter.ToInt32(Sha256, 0));

    /// <inheritdoc/>
    public override string ToString() => $"size={Size} sha256={Sha256Hex} sm3={Sm3Hex}";
}
