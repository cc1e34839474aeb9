using System.Net;
using Azure;

namespace Archive.Storage.AzureBlob;

/// <summary>The version-level immutability policy's expiry, where the container has immutable storage.</summary>
public sealed partial class AzureBlobObjectStore
{
    /// <inheritdoc/>
    /// <remarks>Not exercised by Azurite, which has no immutability policies.</remarks>
    public async Task<DateTimeOffset?> GetRetainedUntilAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        if (!(await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).Retention)
        {
            return null;
        }

        try
        {
            var properties = (await Blob(key).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return properties.ImmutabilityPolicy?.ExpiresOn;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (AzureErrors.IsBackendFailure(e))
        {
            throw AzureErrors.Translate(e, Container, key);
        }
    }
}
