using Amazon.Runtime;
using Amazon.S3;

namespace Archive.Storage.S3;

/// <summary>
/// Small, named shims for s3rver (the S3 stand-in the tests use), valid S3 on every real server too.
/// <list type="bullet">
/// <item>Copy source: the SDK percent-encodes the whole <c>x-amz-copy-source</c>, the <c>/</c> between folders
/// included (<c>%2F</c>); S3, MinIO and Ceph RGW decode it, but s3rver 3.7 decodes the header with JavaScript's
/// <c>decodeURI</c>, which leaves <c>%2F</c> alone, so every copy of a key with a folder was "no such bucket"
/// there. The <c>/</c> is put back before signing; S3 documents the header as <c>/bucket/key</c> with the key's
/// <c>/</c> unescaped, so this is what real servers expect as well.</item>
/// </list>
/// Other s3rver deviations handled where they arise: listing uses ListObjects version 1 (its version 2 tokens
/// fail under OpenSSL 3) and multipart copy reads parts through the client when UploadPartCopy is refused (501).
/// </summary>
internal static class S3rverCompatibility
{
    private const string CopySourceHeader = "x-amz-copy-source";

    /// <summary>Registers the shims on a client; runs after marshalling, before signing.</summary>
    public static void Apply(AmazonS3Client client) => client.BeforeRequestEvent += KeepSlashInCopySource;

    /// <summary>The copy source with every <c>%2F</c> turned back into <c>/</c>.</summary>
    internal static string UnescapeSlashes(string copySource) =>
        copySource.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static void KeepSlashInCopySource(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs { Headers: { } headers } && headers.TryGetValue(CopySourceHeader, out var source))
        {
            headers[CopySourceHeader] = UnescapeSlashes(source);
        }
    }
}
