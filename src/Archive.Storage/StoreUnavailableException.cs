namespace Archive.Storage;

/// <summary>
/// The store could not do what was asked: it did not answer, refused the request, or its bucket or container
/// is missing. <see cref="IsTransient"/> says whether the same call may succeed when retried later.
/// </summary>
public sealed class StoreUnavailableException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, for developers and logs; never a secret.</param>
    /// <param name="isTransient"><see langword="true"/> when retrying later may succeed (timeouts, refused connections, 5xx, throttling).</param>
    /// <param name="innerException">The backend error behind it, if any.</param>
    public StoreUnavailableException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException) => IsTransient = isTransient;

    /// <summary>
    /// <see langword="true"/> when the failure may pass by itself (network, timeout, server busy or failing);
    /// <see langword="false"/> when it needs someone to act (missing bucket, denied access, full disk).
    /// </summary>
    public bool IsTransient { get; }

    /// <inheritdoc/>
    public override string Code => "storage.unavailable";
}
