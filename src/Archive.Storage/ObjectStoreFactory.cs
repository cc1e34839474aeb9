using Archive.Storage.AzureBlob;
using Archive.Storage.FileSystem;
using Archive.Storage.S3;

namespace Archive.Storage;

/// <summary>
/// Builds a store from its configuration string:
/// <c>file:/abs/path</c> (or <c>file:relative/path</c>, <c>file:///abs/path</c>);
/// <c>s3://ACCESS:SECRET@host:port/bucket?secure=false&amp;region=us-east-1</c>;
/// <c>azure:&lt;connection string&gt;;Container=&lt;name&gt;</c>.
/// Error messages never repeat secrets.
/// </summary>
public static class ObjectStoreFactory
{
    /// <summary>Builds the store a configuration string names.</summary>
    /// <param name="uri">The configuration string.</param>
    /// <returns>The store (not yet checked against the backend; call <see cref="IObjectStore.EnsureReadyAsync"/>).</returns>
    /// <exception cref="StoreConfigurationException">The string is malformed or names no bucket/container.</exception>
    public static IObjectStore Create(string uri) => Create(uri, null);

    /// <summary>Builds a store, with the bucket or container given separately (it overrides one in the string).</summary>
    /// <param name="uri">The configuration string.</param>
    /// <param name="bucketOrContainer">The bucket (S3) or container (Azure); not allowed for <c>file:</c>.</param>
    /// <returns>The store.</returns>
    /// <exception cref="StoreConfigurationException">The string is malformed or names no bucket/container.</exception>
    public static IObjectStore Create(string uri, string? bucketOrContainer)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new StoreConfigurationException("The object store URI is empty.");
        }
        uri = uri.Trim();
        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (bucketOrContainer is not null)
            {
                throw new StoreConfigurationException("A file: store has no bucket or container.");
            }
            var path = uri["file:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                // file:///abs/path (empty authority) or file://localhost/abs/path.
                var afterAuthority = path.IndexOf('/', 2);
                path = afterAuthority < 0 ? "" : Uri.UnescapeDataString(path[afterAuthority..]);
            }
            return path.Length == 0
                ? throw new StoreConfigurationException("A file: store URI needs a path, e.g. file:/var/lib/archive/objects.")
                : new FileSystemObjectStore(path);
        }
        if (uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var settings = S3StoreSettings.Parse(uri);
            return new S3ObjectStore(bucketOrContainer is null ? settings : settings with { Bucket = bucketOrContainer });
        }
        if (uri.StartsWith("azure:", StringComparison.OrdinalIgnoreCase))
        {
            var (connectionString, container) = SplitContainer(uri["azure:".Length..]);
            container = bucketOrContainer ?? container;
            return container is null
                ? throw new StoreConfigurationException("An azure: store URI needs a Container=<name> pair.")
                : new AzureBlobObjectStore(connectionString, container);
        }
        var scheme = uri.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && colon < 16 ? uri[..colon] : "(none)";
        throw new StoreConfigurationException($"Unknown object store scheme '{scheme}': expected file:, s3:// or azure:.");
    }

    private static (string ConnectionString, string? Container) SplitContainer(string value)
    {
        string? container = null;
        var kept = new List<string>();
        foreach (var pair in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq].Trim().Equals("Container", StringComparison.OrdinalIgnoreCase))
            {
                container = pair[(eq + 1)..].Trim();
            }
            else
            {
                kept.Add(pair);
            }
        }
        return (string.Join(';', kept), string.IsNullOrEmpty(container) ? null : container);
    }
}
