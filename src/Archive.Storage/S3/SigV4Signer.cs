using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Storage.S3;

/// <summary>
/// AWS Signature Version 4 for the S3 requests this library sends itself (uploads, listing, ranged GET, copy),
/// written from the published algorithm: canonical request, string to sign, derived HMAC key.
/// </summary>
internal sealed class SigV4Signer(string accessKey, string secretKey, string region)
{
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>Adds the SigV4 headers; the payload is signed when its SHA-256 is given, else sent as UNSIGNED-PAYLOAD.</summary>
    public void Sign(HttpRequestMessage request, DateTimeOffset now, string? payloadSha256Hex = null)
    {
        var payload = payloadSha256Hex ?? UnsignedPayload;
        var uri = request.RequestUri!;
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = uri.IsDefaultPort ? uri.Host : string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{uri.Port}");
        request.Headers.Host = host;
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.Add("x-amz-content-sha256", payload);

        // Every x-amz-* header is signed (AWS requires it for copy-source and metadata headers).
        var amzHeaders = request.Headers
            .Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value).Trim()))
            .Append((Name: "host", Value: host))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', amzHeaders.Select(h => h.Name));
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            uri.AbsolutePath,
            CanonicalQuery(uri.Query),
            string.Concat(amzHeaders.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            payload);
        var scope = $"{date}/{region}/s3/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, "s3");
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>Percent-encodes per RFC 3986 as SigV4 wants it (unreserved characters kept, upper-case hex).</summary>
    public static string Encode(string value, bool keepSlash)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    private static string CanonicalQuery(string query)
    {
        // The query is built by this library already encoded; only the order needs fixing.
        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal);
        return string.Join('&', pairs);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
