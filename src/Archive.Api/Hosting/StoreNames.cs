namespace Archive.Api.Hosting;

/// <summary>Keys of the two object stores in dependency injection.</summary>
public static class StoreNames
{
    /// <summary>The online copy (S3-compatible or a folder).</summary>
    public const string Online = "online";

    /// <summary>The offline copy (Azure Blob, S3, or a folder for optical media or tape).</summary>
    public const string Offline = "offline";
}
