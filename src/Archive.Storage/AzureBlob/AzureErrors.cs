using Azure;

namespace Archive.Storage.AzureBlob;

/// <summary>
/// The one place where Azure SDK failures become the port's exceptions, so that no
/// <see cref="RequestFailedException"/> (nor the <see cref="AggregateException"/> its retry policy throws after the
/// last try) crosses <see cref="IObjectStore"/>.
/// </summary>
internal static class AzureErrors
{
    /// <summary>Whether <paramref name="e"/> came from the SDK (not from the caller's content or cancellation).</summary>
    public static bool IsBackendFailure(Exception e) =>
        e is RequestFailedException || (e is AggregateException a && a.InnerExceptions.Any(x => x is RequestFailedException));

    /// <summary>The port's exception for an SDK failure; <paramref name="key"/> is the blob the call was about, if any.</summary>
    public static StorageException Translate(Exception e, string container, string? key)
    {
        var failure = e as RequestFailedException ?? ((AggregateException)e).InnerExceptions.OfType<RequestFailedException>().Last();
        return failure switch
        {
            { Status: 404, ErrorCode: "BlobNotFound" } when key is not null => new ObjectNotFoundException(key, e),
            { ErrorCode: "ContainerNotFound" } =>
                new StoreUnavailableException($"The Azure container '{container}' does not exist.", isTransient: false, e),
            // Status 0: no answer at all (refused connection, timeout, reset).
            { Status: 0 } => new StoreUnavailableException($"The Azure Blob endpoint of container '{container}' could not be reached.", isTransient: true, e),
            _ => new StoreUnavailableException($"Azure Blob refused a request on container '{container}': HTTP {failure.Status} {failure.ErrorCode}.".TrimEnd(), IsTransient(failure.Status), e),
        };
    }

    private static bool IsTransient(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;
}
