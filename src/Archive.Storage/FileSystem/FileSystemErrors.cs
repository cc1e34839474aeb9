namespace Archive.Storage.FileSystem;

/// <summary>
/// Turns the file system's failures (full disk, I/O error, denied access, a busy or timed-out network share) into
/// <see cref="StoreUnavailableException"/>. Only the store's own file operations go through here: a failure of
/// the caller's content stream during a put is the caller's and passes unchanged.
/// </summary>
internal static class FileSystemErrors
{
    // errno values (Linux) and Win32 HRESULTs of failures that pass by themselves: EINTR, EAGAIN, EBUSY,
    // ETIMEDOUT; sharing and lock violations.
    private static readonly HashSet<int> TransientCodes = [4, 11, 16, 110, unchecked((int)0x80070020), unchecked((int)0x80070021)];

    /// <summary>
    /// Whether <paramref name="e"/> is a failure of the store's files. Where "not found" means a missing object
    /// (opening, copying), the caller catches that first; anywhere else a missing path is a broken store.
    /// </summary>
    public static bool IsStoreFailure(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>The port's exception for a failed file operation; <paramref name="what"/> says which, without paths outside the store.</summary>
    public static StoreUnavailableException Translate(Exception e, string what) =>
        new($"The file store could not {what}: {e.GetType().Name} (0x{e.HResult:X8}).", e is IOException && TransientCodes.Contains(e.HResult), e);

    /// <summary>Runs a file operation and translates its store failure.</summary>
    public static void Run(Action operation, string what)
    {
        try
        {
            operation();
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Translate(e, what);
        }
    }

    /// <summary>Runs a file operation with a result and translates its store failure.</summary>
    public static T Run<T>(Func<T> operation, string what)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Translate(e, what);
        }
    }

    /// <summary>Awaits a file operation and translates its store failure.</summary>
    public static async Task RunAsync(Task operation, string what)
    {
        try
        {
            await operation.ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Translate(e, what);
        }
    }

    /// <summary>Deletes a temporary file after a failure, keeping that failure the one reported.</summary>
    public static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            // The original failure is what the caller needs; DiscardPartialWritesAsync reaps what is left.
        }
    }
}
