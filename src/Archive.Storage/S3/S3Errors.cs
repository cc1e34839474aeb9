using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace Archive.Storage.S3;

/// <summary>
/// The one place where AWSSDK and transport errors become the port's exceptions, so that no
/// <see cref="AmazonServiceException"/>, <see cref="AmazonClientException"/> or <see cref="HttpRequestException"/>
/// crosses <see cref="IObjectStore"/>.
/// </summary>
internal static class S3Errors
{
    /// <summary>Whether <paramref name="e"/> came from the SDK or the network (not from the caller's content or cancellation).</summary>
    public static bool IsBackendFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The port's exception for a backend failure; <paramref name="key"/> is the object the call was about, if any.</summary>
    public static StorageException Translate(Exception e, string bucket, string? key) => e switch
    {
        AmazonServiceException { StatusCode: HttpStatusCode.NotFound, ErrorCode: "NoSuchKey" or "NotFound" } when key is not null =>
            new ObjectNotFoundException(key, e),
        AmazonServiceException { ErrorCode: "NoSuchBucket" } =>
            new StoreUnavailableException($"The S3 bucket '{bucket}' does not exist.", isTransient: false, e),
        AmazonServiceException s =>
            new StoreUnavailableException($"S3 refused a request on bucket '{bucket}': HTTP {(int)s.StatusCode} {s.ErrorCode}.".TrimEnd(), IsTransient(s), e),
        _ => new StoreUnavailableException($"The S3 endpoint of bucket '{bucket}' could not be used ({Describe(e)}).", IsTransportFailure(e), e),
    };

    /// <summary>Server errors and throttling pass; refusals (4xx) and "not implemented" do not.</summary>
    private static bool IsTransient(AmazonServiceException e) =>
        e.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)e.StatusCode >= 500 && e.StatusCode != HttpStatusCode.NotImplemented)
        || e.ErrorCode is "SlowDown" or "RequestTimeout" or "Throttling" or "InternalError" or "ServiceUnavailable";

    private static bool IsTransportFailure(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }
        return false;
    }

    // The innermost message names the socket error or timeout without repeating credentials or URLs with secrets.
    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner == e ? e.GetType().Name : $"{e.GetType().Name}: {inner.GetType().Name}";
    }
}
