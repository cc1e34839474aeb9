namespace Archive.Ingest.Submissions;

/// <summary>Thrown by <see cref="LimitedStream"/> when the item exceeds the configured size.</summary>
internal sealed class ItemTooLargeException : IOException
{
    public ItemTooLargeException()
        : base("The item exceeds the configured size limit.")
    {
    }
}
