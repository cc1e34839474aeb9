namespace Archive.Storage.FileSystem;

/// <summary>
/// The filesystem store's file modes: private files (0600) and folders (0700) from their creation on, and sealed
/// (write-once) files, read-only (0400).
/// </summary>
internal static class FileModes
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Sealed = UnixFileMode.UserRead;
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static bool IsSealed(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows()
            ? File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly)
            : (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0);

    public static void Seal(string path, DateTimeOffset? retainUntil)
    {
        if (retainUntil is { } until)
        {
            File.SetLastWriteTimeUtc(path, until.UtcDateTime);
        }

        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, Sealed);
        }
    }

    public static void RefuseSealed(string key, string path, PutOptions? options)
    {
        if (options?.ReplaceRetained != true && FileSystemErrors.Run(() => IsSealed(path), "inspect a file"))
        {
            throw new ObjectRetainedException(key);
        }
    }

    public static FileStreamOptions NewFile()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Private;
        }

        return options;
    }

    public static void CreateFolder(string folder) => FileSystemErrors.Run(() => CreateFolderCore(folder), "create a folder");

    public static void CreateFolderCore(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Directory.CreateDirectory applies the mode to the last folder only: create each missing parent the same way.
            if (Directory.Exists(folder))
            {
                return;
            }

            if (Path.GetDirectoryName(folder) is { } parent && !Directory.Exists(parent))
            {
                CreateFolderCore(parent);
            }

            Directory.CreateDirectory(folder, Folder);
        }
    }
}
