using System.Globalization;

namespace Archive.Storage.S3;

/// <summary>
/// Where an S3-compatible store is and how to sign for it, parsed from
/// <c>s3://ACCESS:SECRET@host:port/bucket?secure=false&amp;region=us-east-1&amp;lock=compliance</c>
/// (access key and secret percent-encoded when they hold reserved characters). Always path-style.
/// <c>lock</c> is the Object Lock mode of retained objects where the bucket has Object Lock: <c>compliance</c>
/// (default; nobody can shorten it) or <c>governance</c> (holders of <c>s3:BypassGovernanceRetention</c> can).
/// </summary>
/// <param name="Host">Host name or address of the endpoint.</param>
/// <param name="Port">TCP port of the endpoint.</param>
/// <param name="AccessKey">The access key.</param>
/// <param name="SecretKey">The secret key; never printed.</param>
/// <param name="Bucket">The bucket; may be empty in the URI and given later with <c>with { Bucket = … }</c>.</param>
/// <param name="Secure">HTTPS when <see langword="true"/> (the default).</param>
/// <param name="Region">The signing region (default <c>us-east-1</c>).</param>
public sealed record S3StoreSettings(string Host, int Port, string AccessKey, string SecretKey, string Bucket, bool Secure, string Region)
{
    /// <summary>Whether retained objects are locked in GOVERNANCE rather than COMPLIANCE mode (<c>lock=governance</c>).</summary>
    public bool GovernanceLock { get; init; }

    /// <summary>Parses an <c>s3://</c> URI; the error message never contains the secret.</summary>
    /// <param name="uri">The URI.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="StoreConfigurationException">The URI is malformed.</exception>
    public static S3StoreSettings Parse(string uri)
    {
        const string scheme = "s3://";
        if (uri is null || !uri.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreConfigurationException("An S3 store URI must start with 's3://' (s3://ACCESS:SECRET@host:port/bucket?secure=false&region=us-east-1).");
        }
        var rest = uri[scheme.Length..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        var main = queryStart < 0 ? rest : rest[..queryStart];
        var at = main.LastIndexOf('@');
        if (at < 0)
        {
            throw new StoreConfigurationException("The S3 store URI has no credentials: expected s3://ACCESS:SECRET@host:port/bucket.");
        }
        var userInfo = main[..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == userInfo.Length - 1)
        {
            throw new StoreConfigurationException("The S3 store URI must give both an access key and a secret key as ACCESS:SECRET@.");
        }
        var hostAndPath = main[(at + 1)..];
        var slash = hostAndPath.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? hostAndPath : hostAndPath[..slash];
        var bucket = slash < 0 ? "" : hostAndPath[(slash + 1)..].TrimEnd('/');
        var (host, port, secure, region, governance) = ParseEndpoint(authority, query);
        if (bucket.Contains('/', StringComparison.Ordinal))
        {
            throw new StoreConfigurationException("The S3 store URI's path must be just the bucket name.");
        }
        return new S3StoreSettings(host, port, Unescape(userInfo[..colon]), Unescape(userInfo[(colon + 1)..]), bucket, secure, region)
        {
            GovernanceLock = governance,
        };
    }

    /// <summary>The URI without the secret, for logs.</summary>
    /// <returns>A redacted form of the settings.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"s3://{AccessKey}:***@{Host}:{Port}/{Bucket}?secure={(Secure ? "true" : "false")}&region={Region}&lock={(GovernanceLock ? "governance" : "compliance")}");

    internal Uri BaseUri => new(string.Create(CultureInfo.InvariantCulture, $"{(Secure ? "https" : "http")}://{Host}:{Port}"));

    private static (string Host, int Port, bool Secure, string Region, bool Governance) ParseEndpoint(string authority, string query)
    {
        var secure = true;
        var governance = false;
        var region = "us-east-1";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
            switch (name.ToLowerInvariant())
            {
                case "secure" when bool.TryParse(value, out var s):
                    secure = s;
                    break;
                case "region" when value.Length > 0:
                    region = value;
                    break;
                case "lock" when value is "compliance" or "governance":
                    governance = value == "governance";
                    break;
                default:
                    throw new StoreConfigurationException($"Unknown or malformed S3 store URI parameter '{name}' (known: secure=true|false, region=NAME, lock=compliance|governance).");
            }
        }
        var portColon = authority.LastIndexOf(':');
        var host = portColon < 0 ? authority : authority[..portColon];
        var port = secure ? 443 : 80;
        if (portColon >= 0 && (!int.TryParse(authority[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new StoreConfigurationException("The S3 store URI has an invalid port.");
        }
        if (host.Length == 0)
        {
            throw new StoreConfigurationException("The S3 store URI has no host.");
        }
        return (host, port, secure, region, governance);
    }

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            throw new StoreConfigurationException("The S3 store URI contains a malformed percent-escape.");
        }
    }
}
