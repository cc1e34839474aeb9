using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace Archive.Integrity.Notes;

/// <summary>
/// SM2 signing with SM3 (GB/T 32918.2 / GM/T 0003.2) on the recommended curve sm2p256v1, with the default user ID
/// <c>1234567812345678</c> of GM/T 0009; signatures are DER <c>SEQUENCE { r, s }</c> as GM/T 0009 encodes them, so
/// OpenSSL's <c>pkeyutl -verify -digest sm3</c> and other 国密 tools check them.
/// </summary>
internal static class Sm2
{
    public const int PrivateKeySize = 32;
    public const int PublicKeySize = 65;

    public static readonly byte[] DefaultUserId = "1234567812345678"u8.ToArray();

    public static readonly ECDomainParameters Domain = FromCurve();

    public static ECPrivateKeyParameters Generate()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        return (ECPrivateKeyParameters)generator.GenerateKeyPair().Private;
    }

    public static ECPrivateKeyParameters PrivateKey(ReadOnlySpan<byte> d, ECDomainParameters? domain = null)
    {
        var value = new BigInteger(1, d.ToArray());
        domain ??= Domain;
        if (d.Length != PrivateKeySize || value.SignValue <= 0 || value.CompareTo(domain.N.Subtract(BigInteger.One)) >= 0)
        {
            throw new ArgumentException("An SM2 private key is an integer in [1, n-2], 32 bytes big-endian.", nameof(d));
        }

        return new ECPrivateKeyParameters(value, domain);
    }

    public static byte[] PrivateKeyBytes(ECPrivateKeyParameters key) => BigIntegers.AsUnsignedByteArray(PrivateKeySize, key.D);

    /// <summary>The uncompressed point <c>04 ‖ x ‖ y</c>.</summary>
    public static byte[] PublicKeyBytes(ECPrivateKeyParameters key) => key.Parameters.G.Multiply(key.D).Normalize().GetEncoded(false);

    /// <summary>The public key, or null when the bytes are not an uncompressed point on the curve.</summary>
    public static ECPublicKeyParameters? TryPublicKey(ReadOnlySpan<byte> point, ECDomainParameters? domain = null)
    {
        domain ??= Domain;
        if (point.Length != PublicKeySize || point[0] != 0x04)
        {
            return null;
        }

        try
        {
            var q = domain.Curve.DecodePoint(point.ToArray());
            return q.IsValid() && !q.IsInfinity ? new ECPublicKeyParameters(q, domain) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Signs with SM3(Z_A ‖ message); <paramref name="random"/> supplies k (tests pass the standard's k).</summary>
    public static byte[] Sign(ECPrivateKeyParameters key, ReadOnlySpan<byte> message, byte[]? userId = null, SecureRandom? random = null)
    {
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, random ?? new SecureRandom()), userId ?? DefaultUserId));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    public static bool Verify(ECPublicKeyParameters key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, byte[]? userId = null)
    {
        var verifier = new SM2Signer(new SM3Digest());
        verifier.Init(false, new ParametersWithID(key, userId ?? DefaultUserId));
        verifier.BlockUpdate(message);
        try
        {
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (ArgumentException)
        {
            // Not a DER SEQUENCE of two integers.
            return false;
        }
    }

    private static ECDomainParameters FromCurve()
    {
        var curve = GMNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H, curve.GetSeed());
    }
}
