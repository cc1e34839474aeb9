using Archive.Testing;

namespace Archive.Api.Tests.Infrastructure;

/// <summary><c>ARCHIVE_ONLINE</c> / <c>ARCHIVE_OFFLINE</c> values for each kind of store, each on a fresh bucket, container or folder.</summary>
public static class StoreUris
{
    /// <summary>A new store of <paramref name="kind"/> (<c>file</c>, <c>s3</c> on s3rver, <c>azure</c> on Azurite).</summary>
    /// <exception cref="ArgumentException">Unknown kind.</exception>
    public static string New(string kind, string dataDirectory, string role) => kind switch
    {
        "file" => "file:" + Path.Combine(dataDirectory, role),
        "s3" => TestServices.S3.Replace("/?", $"/{TestServices.UniqueName(role)}?", StringComparison.Ordinal),
        "azure" => "azure:" + TestServices.Azure + $"Container={TestServices.UniqueName(role)}",
        _ => throw new ArgumentException($"unknown store kind {kind}", nameof(kind)),
    };
}
