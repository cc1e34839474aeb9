using System.Globalization;

namespace Archive.Api.Tests.Cli;

/// <summary>The checkpoint witnessed in a host's filesystem offline store (what <c>rebuild --from offline</c> starts from).</summary>
internal static class OfflineWitness
{
    /// <summary>
    /// Waits until the offline store's witnessed checkpoint covers <paramref name="size"/> entries: the witness is written
    /// after the export, on the checkpoint path, and the host must not stop before it.
    /// </summary>
    public static async Task WaitForAsync(string dataDirectory, long size)
    {
        var latest = Path.Combine(dataDirectory, "offline", "checkpoints", "latest.txt");
        for (var i = 0; i < 300; i++)
        {
            if (File.Exists(latest) && long.Parse((await File.ReadAllLinesAsync(latest))[1], CultureInfo.InvariantCulture) >= size)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Checkpoint {size} was not witnessed in the offline store.");
    }

    /// <summary>The settings a command run needs to rebuild into <paramref name="database"/> from the data folder's stores.</summary>
    public static Dictionary<string, string?> RebuildSettings(string database, string dataDirectory) =>
        new(Archive.Testing.TestServices.HostDatabaseSettings(database))
        {
            ["ARCHIVE_DATA_DIR"] = dataDirectory,
            ["ARCHIVE_ONLINE"] = "file:" + Path.Combine(dataDirectory, "online"),
            ["ARCHIVE_OFFLINE"] = "file:" + Path.Combine(dataDirectory, "offline"),
        };
}
